package io.casty.cluster.membership;

import io.casty.actor.NodeAddress;
import io.casty.cluster.sharding.Allocations;
import io.casty.topology.MemberStatus;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Internal: the state every node gossips: members, allocations, and whom each member cannot reach.
 * Merging is commutative, associative and idempotent (a per-member maximum, a versioned allocation
 * table, a versioned row per observer), so any order of exchanges converges on the same state.
 */
public record Gossip(Map<NodeAddress, MemberRecord> members, Allocations allocations, ReachabilityTable reachability) {

	public Gossip {
		members = Map.copyOf(members);
	}

	static Gossip of(MemberRecord self) {
		return new Gossip(Map.of(self.address(), self), Allocations.NONE, ReachabilityTable.EMPTY);
	}

	Gossip merge(Gossip other) {
		Map<NodeAddress, MemberRecord> merged = new HashMap<>(members);
		other.members.forEach((address, record) -> merged.merge(address, record, MemberRecord::merge));
		return new Gossip(merged, allocations.merge(other.allocations), reachability.merge(other.reachability));
	}

	Gossip with(MemberRecord record) {
		Map<NodeAddress, MemberRecord> updated = new HashMap<>(members);
		updated.put(record.address(), record);
		return new Gossip(updated, allocations, reachability);
	}

	Gossip with(Allocations next) {
		return new Gossip(members, next, reachability);
	}

	Gossip with(ReachabilityTable next) {
		return next.equals(reachability) ? this : new Gossip(members, allocations, next);
	}

	/** The members other than {@code self} that are neither down nor removed: those to gossip with and watch. */
	List<MemberRecord> peersOf(NodeAddress self) {
		return members.values()
			.stream()
			.filter(member -> !member.address().equals(self) && member.status() != MemberStatus.DOWN
					&& member.status() != MemberStatus.REMOVED)
			.toList();
	}

	/** The member's configured name, for log lines; its address while this state does not know it. */
	String nodeIdOf(NodeAddress address) {
		MemberRecord member = members.get(address);
		return member == null ? address.hostPort() : member.nodeId();
	}
}
