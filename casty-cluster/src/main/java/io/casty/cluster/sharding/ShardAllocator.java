package io.casty.cluster.sharding;

import io.casty.actor.NodeAddress;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The least-shards strategy: every unallocated shard goes to the member that owns the fewest
 * shards of that type so far, ties broken by address order so every node computes the same
 * answer. Allocations to members that are still eligible are kept.
 */
public final class ShardAllocator {

	private static final Comparator<NodeAddress> ADDRESS_ORDER = Comparator.comparing(NodeAddress::host)
		.thenComparingInt(NodeAddress::port);

	private ShardAllocator() {
	}

	/**
	 * @param numShards the type's number of shards
	 * @param current the current owners by shard; shards of members not in {@code eligible} are
	 *     re-allocated
	 * @param eligible the members that may own shards
	 * @return owners by shard; empty when no member is eligible
	 */
	public static Map<Integer, NodeAddress> allocate(int numShards, Map<Integer, NodeAddress> current,
			Collection<NodeAddress> eligible) {
		if (eligible.isEmpty()) {
			return Map.of();
		}
		List<NodeAddress> members = eligible.stream().sorted(ADDRESS_ORDER).toList();
		Map<NodeAddress, Integer> counts = new HashMap<>();
		members.forEach(member -> counts.put(member, 0));
		Map<Integer, NodeAddress> owners = new HashMap<>();
		current.forEach((shard, owner) -> {
			if (counts.containsKey(owner) && shard < numShards) {
				owners.put(shard, owner);
				counts.merge(owner, 1, Integer::sum);
			}
		});
		for (int shard = 0; shard < numShards; shard++) {
			if (!owners.containsKey(shard)) {
				NodeAddress least = members.stream().min(Comparator.comparingInt(counts::get)).orElseThrow();
				owners.put(shard, least);
				counts.merge(least, 1, Integer::sum);
			}
		}
		return owners;
	}
}
