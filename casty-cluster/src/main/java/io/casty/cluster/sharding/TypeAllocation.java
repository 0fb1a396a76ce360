package io.casty.cluster.sharding;

import io.casty.actor.NodeAddress;
import io.casty.topology.ShardAllocation;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Internal: the leader's allocation of one entity type: owners of settled shards and shards in
 * hand-off (which have no owner until the hand-off completes). Public only for the membership
 * package, whose leader writes it.
 */
public record TypeAllocation(String type, int numShards, Map<Integer, NodeAddress> owners,
		Map<Integer, HandOff> handOffs) {

	public TypeAllocation {
		Objects.requireNonNull(type, "type");
		owners = Map.copyOf(owners);
		handOffs = Map.copyOf(handOffs);
	}

	/** A type no shard of which is allocated yet. */
	public static TypeAllocation empty(String type, int numShards) {
		return new TypeAllocation(type, numShards, Map.of(), Map.of());
	}

	/** This allocation with {@code owner} owning {@code shard}, which is no longer in hand-off. */
	TypeAllocation withOwner(int shard, NodeAddress owner) {
		Map<Integer, NodeAddress> nextOwners = new HashMap<>(owners);
		nextOwners.put(shard, owner);
		Map<Integer, HandOff> nextHandOffs = new HashMap<>(handOffs);
		nextHandOffs.remove(shard);
		return new TypeAllocation(type, numShards, nextOwners, nextHandOffs);
	}

	/** The public view: owners only; a shard in hand-off is unallocated for clients. */
	public ShardAllocation toShardAllocation() {
		return new ShardAllocation(type, numShards, owners);
	}
}
