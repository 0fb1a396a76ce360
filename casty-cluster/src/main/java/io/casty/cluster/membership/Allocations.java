package io.casty.cluster.membership;

import io.casty.actor.NodeAddress;
import java.util.Comparator;
import java.util.Map;

/**
 * Every entity type's allocation, versioned by the leader that wrote it: a higher epoch wins,
 * and between equal epochs (two leaders during a partition) the lower allocator address wins,
 * so every node picks the same table.
 *
 * @param epoch bumped by the leader on every change
 * @param allocator the leader that wrote this version, or {@code null} before any
 */
public record Allocations(long epoch, NodeAddress allocator, Map<String, TypeAllocation> types) {

	static final Allocations NONE = new Allocations(0, null, Map.of());

	private static final Comparator<NodeAddress> ALLOCATOR_ORDER = Comparator
		.nullsLast(Comparator.comparing(NodeAddress::host).thenComparingInt(NodeAddress::port));

	public Allocations {
		types = Map.copyOf(types);
	}

	Allocations merge(Allocations other) {
		if (other.epoch != epoch) {
			return other.epoch > epoch ? other : this;
		}
		return ALLOCATOR_ORDER.compare(other.allocator, allocator) < 0 ? other : this;
	}
}
