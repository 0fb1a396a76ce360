package io.casty.client;

import io.casty.actor.NodeAddress;
import io.casty.topology.ShardAllocation;
import io.casty.topology.TopologySnapshot;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The client's immutable view of shard ownership, replaced as a whole on every update and
 * read without locks on the send path.
 */
final class RoutingTable {

	static final RoutingTable EMPTY = new RoutingTable(null, Map.of(), -1);

	private final TopologySnapshot snapshot;

	private final Map<String, ShardAllocation> allocations;

	private final long epoch;

	private RoutingTable(TopologySnapshot snapshot, Map<String, ShardAllocation> allocations, long epoch) {
		this.snapshot = snapshot;
		this.allocations = allocations;
		this.epoch = epoch;
	}

	/**
	 * The table of a snapshot, without the shards of {@code unreachable} owners: messages for
	 * those wait in the buffer until the owner is back or the cluster moves its shards.
	 */
	static RoutingTable of(TopologySnapshot snapshot, Set<NodeAddress> unreachable) {
		if (unreachable.isEmpty()) {
			return new RoutingTable(snapshot, snapshot.allocations(), snapshot.epoch());
		}
		Map<String, ShardAllocation> reachable = new HashMap<>();
		snapshot.allocations().forEach((type, allocation) -> {
			Map<Integer, NodeAddress> owners = new HashMap<>(allocation.owners());
			owners.values().removeAll(unreachable);
			reachable.put(type, new ShardAllocation(type, allocation.numShards(), owners));
		});
		return new RoutingTable(snapshot, Map.copyOf(reachable), snapshot.epoch());
	}

	TopologySnapshot snapshot() {
		return snapshot;
	}

	long epoch() {
		return epoch;
	}

	ShardAllocation allocation(String shardType) {
		return allocations.get(shardType);
	}

	/** This table with one shard's owner learned from a location query. */
	RoutingTable withOwner(String shardType, int numShards, int shard, NodeAddress owner) {
		ShardAllocation current = allocations.get(shardType);
		Map<Integer, NodeAddress> owners = new HashMap<>(current == null ? Map.of() : current.owners());
		owners.put(shard, owner);
		Map<String, ShardAllocation> updated = new HashMap<>(allocations);
		updated.put(shardType, new ShardAllocation(shardType, numShards, owners));
		return new RoutingTable(snapshot, Map.copyOf(updated), epoch);
	}
}
