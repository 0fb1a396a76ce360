package io.casty.client;

import io.casty.actor.NodeAddress;
import io.casty.topology.ShardAllocation;
import io.casty.topology.TopologySnapshot;
import java.util.HashMap;
import java.util.Map;

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

	static RoutingTable of(TopologySnapshot snapshot) {
		return new RoutingTable(snapshot, snapshot.allocations(), snapshot.epoch());
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
