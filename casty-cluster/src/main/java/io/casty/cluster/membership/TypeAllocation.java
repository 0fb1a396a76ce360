package io.casty.cluster.membership;

import io.casty.actor.NodeAddress;
import io.casty.topology.ShardAllocation;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The leader's allocation of one entity type: owners of settled shards and shards in hand-off
 * (which have no owner until the hand-off completes).
 */
public record TypeAllocation(String type, int numShards, Map<Integer, NodeAddress> owners,
		Map<Integer, HandOff> handOffs) {

	public TypeAllocation {
		Objects.requireNonNull(type, "type");
		owners = Map.copyOf(owners);
		handOffs = Map.copyOf(handOffs);
	}

	static TypeAllocation empty(String type, int numShards) {
		return new TypeAllocation(type, numShards, Map.of(), Map.of());
	}

	/** The public view: owners only; a shard in hand-off is unallocated for clients. */
	ShardAllocation toShardAllocation() {
		return new ShardAllocation(type, numShards, owners);
	}

	/** Shards owned by, or arriving at, each member: what balancing counts. */
	Map<NodeAddress, Integer> load() {
		Map<NodeAddress, Integer> load = new HashMap<>();
		owners.values().forEach(owner -> load.merge(owner, 1, Integer::sum));
		handOffs.values().forEach(handOff -> load.merge(handOff.to(), 1, Integer::sum));
		return load;
	}
}
