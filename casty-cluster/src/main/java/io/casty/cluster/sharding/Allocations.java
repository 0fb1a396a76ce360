package io.casty.cluster.sharding;

import io.casty.actor.NodeAddress;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;

/**
 * Internal: every entity type's allocation, versioned by the leader that wrote it, as the
 * membership gossips it: a higher epoch wins, and between equal epochs (two leaders during a
 * partition) the lower allocator address wins, so every node picks the same table. Public only
 * for the membership package, which gossips and rewrites it.
 *
 * @param epoch bumped by the leader on every change
 * @param allocator the leader that wrote this version, or {@code null} before any
 */
public record Allocations(long epoch, NodeAddress allocator, Map<String, TypeAllocation> types) {

	/** The table before any leader wrote one. */
	public static final Allocations NONE = new Allocations(0, null, Map.of());

	private static final Comparator<NodeAddress> ALLOCATOR_ORDER = Comparator
		.nullsLast(Comparator.comparing(NodeAddress::host).thenComparingInt(NodeAddress::port));

	public Allocations {
		types = Map.copyOf(types);
	}

	/** The version of the two that every node keeps, whatever the order it saw them in. */
	public Allocations merge(Allocations other) {
		if (other.epoch != epoch) {
			return other.epoch > epoch ? other : this;
		}
		return ALLOCATOR_ORDER.compare(other.allocator, allocator) < 0 ? other : this;
	}

	/**
	 * The next version, by {@code allocator}, once {@code from} stopped every entity of
	 * {@code shard} of {@code type}: the hand-off's target owns the shard. This same table when
	 * no such hand-off is under way (a report repeated, or from a member the shard no longer
	 * moves from).
	 */
	public Allocations withHandOffComplete(String type, int shard, NodeAddress from, NodeAddress allocator) {
		TypeAllocation allocation = types.get(type);
		HandOff handOff = allocation == null ? null : allocation.handOffs().get(shard);
		if (handOff == null || !handOff.from().equals(from)) {
			return this;
		}
		Map<String, TypeAllocation> next = new HashMap<>(types);
		next.put(type, allocation.withOwner(shard, handOff.to()));
		return new Allocations(epoch + 1, allocator, next);
	}
}
