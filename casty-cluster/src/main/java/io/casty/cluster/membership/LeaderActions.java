package io.casty.cluster.membership;

import io.casty.actor.NodeAddress;
import io.casty.cluster.sharding.Allocations;
import io.casty.cluster.sharding.HandOff;
import io.casty.cluster.sharding.TypeAllocation;
import io.casty.topology.MemberStatus;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the leader decides each round, as a pure function of the gossip and its own view of
 * reachability: member status moves and the allocation of every entity type.
 *
 * <ul>
 * <li>joining members that are reachable become up; members unreachable too long are downed;
 * a leaving member that owns nothing any more exits; an exiting member that is gone is removed;
 * <li>shards of dead members (down, removed, gone) are re-allocated at once; shards of leaving
 * members are handed off; unallocated shards go to the member with the fewest (least-shards);
 * <li>when one member has two or more shards more than another, up to {@code maxRebalance}
 * shards per type are handed off from the most to the least loaded, one round at a time.
 * </ul>
 * Ties are broken by address order, so the result does not depend on map iteration order.
 */
final class LeaderActions {

	static final Comparator<NodeAddress> ADDRESS_ORDER = Comparator.comparing(NodeAddress::host)
		.thenComparingInt(NodeAddress::port)
		.thenComparing(NodeAddress::system);

	private LeaderActions() {
	}

	/**
	 * @param gossip the current state
	 * @param leader this node, the leader
	 * @param unreachable members this node cannot reach now
	 * @param toDown members unreachable for longer than the down timeout
	 * @param maxRebalance shards per type that may be in hand-off at once for rebalancing
	 */
	static Gossip apply(Gossip gossip, NodeAddress leader, Set<NodeAddress> unreachable, Set<NodeAddress> toDown,
			int maxRebalance) {
		Gossip moved = moveMembers(gossip, unreachable, toDown);
		Map<String, TypeAllocation> types = new HashMap<>(moved.allocations().types());
		boolean changed = false;
		for (Map.Entry<String, Integer> hosted : hostedTypes(moved).entrySet()) {
			TypeAllocation current = types.getOrDefault(hosted.getKey(),
					TypeAllocation.empty(hosted.getKey(), hosted.getValue()));
			TypeAllocation next = allocate(current, moved, unreachable, maxRebalance);
			if (!next.equals(types.get(hosted.getKey()))) {
				types.put(hosted.getKey(), next);
				changed = true;
			}
		}
		if (!changed) {
			return moved;
		}
		return moved.with(new Allocations(moved.allocations().epoch() + 1, leader, types));
	}

	private static Gossip moveMembers(Gossip gossip, Set<NodeAddress> unreachable, Set<NodeAddress> toDown) {
		Gossip result = gossip;
		for (MemberRecord member : gossip.members().values()) {
			MemberStatus next = nextStatus(member, gossip, unreachable, toDown);
			if (next != member.status()) {
				result = result.with(member.withStatus(next));
			}
		}
		return result;
	}

	private static MemberStatus nextStatus(MemberRecord member, Gossip gossip, Set<NodeAddress> unreachable,
			Set<NodeAddress> toDown) {
		NodeAddress address = member.address();
		if (toDown.contains(address) && MemberRecord.rank(member.status()) < MemberRecord.rank(MemberStatus.DOWN)) {
			return member.status() == MemberStatus.EXITING ? MemberStatus.REMOVED : MemberStatus.DOWN;
		}
		return switch (member.status()) {
			case JOINING -> unreachable.contains(address) ? MemberStatus.JOINING : MemberStatus.UP;
			case LEAVING -> ownsNothing(gossip.allocations(), address) || noneUp(gossip) ? MemberStatus.EXITING
					: MemberStatus.LEAVING;
			case EXITING -> unreachable.contains(address) ? MemberStatus.REMOVED : MemberStatus.EXITING;
			default -> member.status();
		};
	}

	/** Nobody to hand shards to: a leaving member may go, and its entities stop with it. */
	private static boolean noneUp(Gossip gossip) {
		return gossip.members().values().stream().noneMatch(member -> member.status() == MemberStatus.UP);
	}

	private static boolean ownsNothing(Allocations allocations, NodeAddress member) {
		return allocations.types().values().stream()
			.noneMatch(type -> type.owners().containsValue(member)
					|| type.handOffs().values().stream().anyMatch(h -> h.from().equals(member) || h.to().equals(member)));
	}

	/** Every type some up or leaving member hosts, with its shard count. */
	private static Map<String, Integer> hostedTypes(Gossip gossip) {
		Map<String, Integer> types = new HashMap<>();
		gossip.members().values().stream()
			.filter(MemberRecord::upOrLeaving)
			.forEach(member -> member.entityTypes().forEach(types::putIfAbsent));
		return types;
	}

	private static TypeAllocation allocate(TypeAllocation current, Gossip gossip, Set<NodeAddress> unreachable,
			int maxRebalance) {
		String type = current.type();
		List<NodeAddress> eligible = gossip.members().values().stream()
			.filter(member -> member.canHost(type) && !unreachable.contains(member.address()))
			.map(MemberRecord::address)
			.sorted(ADDRESS_ORDER)
			.toList();
		Map<Integer, NodeAddress> owners = new HashMap<>();
		Map<Integer, HandOff> handOffs = new HashMap<>();
		current.owners().forEach((shard, owner) -> {
			MemberStatus status = statusOf(gossip, owner);
			if (status == MemberStatus.LEAVING && !eligible.isEmpty()) {
				handOffs.put(shard, new HandOff(owner, owner));
			}
			else if (isAlive(status)) {
				owners.put(shard, owner);
			}
		});
		current.handOffs().forEach((shard, handOff) -> {
			if (!isAlive(statusOf(gossip, handOff.from()))) {
				// The old owner is dead: nobody can run the shard's entities any more, so there is
				// nothing to wait for. Its new owner is chosen below.
				return;
			}
			handOffs.put(shard, handOff);
		});
		Map<NodeAddress, Integer> load = new HashMap<>();
		eligible.forEach(member -> load.put(member, 0));
		owners.values().forEach(owner -> load.computeIfPresent(owner, (member, count) -> count + 1));
		// Hand-offs whose target is gone or was a placeholder get the least loaded member.
		for (Integer shard : new TreeSet<>(handOffs.keySet())) {
			HandOff handOff = handOffs.get(shard);
			NodeAddress target = handOff.to();
			if (!load.containsKey(target) || target.equals(handOff.from())) {
				if (load.isEmpty()) {
					continue;
				}
				target = leastLoaded(load);
				handOffs.put(shard, new HandOff(handOff.from(), target));
			}
			load.merge(target, 1, Integer::sum);
		}
		for (int shard = 0; shard < current.numShards(); shard++) {
			if (!owners.containsKey(shard) && !handOffs.containsKey(shard) && !load.isEmpty()) {
				NodeAddress target = leastLoaded(load);
				owners.put(shard, target);
				load.merge(target, 1, Integer::sum);
			}
		}
		rebalance(owners, handOffs, load, maxRebalance);
		return new TypeAllocation(type, current.numShards(), owners, handOffs);
	}

	private static void rebalance(Map<Integer, NodeAddress> owners, Map<Integer, HandOff> handOffs,
			Map<NodeAddress, Integer> load, int maxRebalance) {
		int inFlight = handOffs.size();
		while (inFlight < maxRebalance && load.size() > 1) {
			NodeAddress most = mostLoaded(load);
			NodeAddress least = leastLoaded(load);
			if (load.get(most) - load.get(least) < 2) {
				return;
			}
			Integer shard = owners.entrySet().stream()
				.filter(entry -> entry.getValue().equals(most))
				.map(Map.Entry::getKey)
				.max(Integer::compare)
				.orElse(null);
			if (shard == null) {
				return;
			}
			owners.remove(shard);
			handOffs.put(shard, new HandOff(most, least));
			load.merge(most, -1, Integer::sum);
			load.merge(least, 1, Integer::sum);
			inFlight++;
		}
	}

	private static NodeAddress leastLoaded(Map<NodeAddress, Integer> load) {
		return load.entrySet().stream()
			.min(Map.Entry.<NodeAddress, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey(ADDRESS_ORDER)))
			.orElseThrow()
			.getKey();
	}

	private static NodeAddress mostLoaded(Map<NodeAddress, Integer> load) {
		return load.entrySet().stream()
			.max(Map.Entry.<NodeAddress, Integer>comparingByValue()
				.thenComparing(Map.Entry.comparingByKey(ADDRESS_ORDER.reversed())))
			.orElseThrow()
			.getKey();
	}

	private static MemberStatus statusOf(Gossip gossip, NodeAddress member) {
		MemberRecord record = gossip.members().get(member);
		return record == null ? MemberStatus.REMOVED : record.status();
	}

	/** Whether a member may still be running entities. */
	private static boolean isAlive(MemberStatus status) {
		return status != MemberStatus.DOWN && status != MemberStatus.REMOVED;
	}
}
