package io.casty.cluster.membership;

import io.casty.cluster.sharding.Allocations;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs every change of the membership and of the allocations at INFO, one line each: a member's
 * new status or incarnation, and a type's new allocation with the shards each member owns.
 */
final class MembershipLog {

	private static final Logger logger = LoggerFactory.getLogger(MembershipLog.class);

	private MembershipLog() {
	}

	/** Logs what changed from {@code previous} to {@code next}. */
	static void changes(Gossip previous, Gossip next) {
		members(previous, next);
		allocations(previous.allocations(), next);
	}

	private static void members(Gossip previous, Gossip next) {
		next.members().forEach((address, member) -> {
			MemberRecord before = previous.members().get(address);
			if (before == null || before.status() != member.status() || before.incarnation() != member.incarnation()) {
				logger.info("Member {} ({}) is {}", member.nodeId(), address, member.status());
			}
		});
	}

	private static void allocations(Allocations previous, Gossip next) {
		Allocations current = next.allocations();
		if (previous.epoch() == current.epoch() && Objects.equals(previous.allocator(), current.allocator())) {
			return;
		}
		current.types().forEach((type, allocation) -> {
			if (!allocation.equals(previous.types().get(type))) {
				Map<String, Long> perMember = new TreeMap<>();
				allocation.owners().values().forEach(owner -> perMember.merge(next.nodeIdOf(owner), 1L, Long::sum));
				logger.info("Shards of '{}' (epoch {}): {} of {} allocated {}{}", type, current.epoch(),
						allocation.owners().size(), allocation.numShards(), perMember,
						allocation.handOffs().isEmpty() ? "" : ", " + allocation.handOffs().size() + " moving");
			}
		});
	}
}
