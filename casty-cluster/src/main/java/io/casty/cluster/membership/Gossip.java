package io.casty.cluster.membership;

import io.casty.actor.NodeAddress;
import io.casty.cluster.sharding.Allocations;
import java.util.HashMap;
import java.util.Map;

/**
 * The state every node gossips: members, allocations, and whom each member cannot reach.
 * Merging is commutative, associative and idempotent (a per-member maximum, a versioned
 * allocation table, a versioned row per observer), so any order of exchanges converges on the
 * same state.
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
}
