package io.casty.cluster.membership;

import io.casty.actor.NodeAddress;
import io.casty.cluster.SplitBrainStrategy;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link SplitBrainStrategy#KEEP_MAJORITY} as one node applies it. The members that count are
 * those that may own shards (up or leaving); a node reaches a majority when it reaches more than
 * half of them, or exactly half including the lowest address among them, so that of two sides
 * of a partition at most one has it. A node is sidelined while it reaches no majority, or while
 * the gossiped reachability picks it for downing ({@link ReachabilityVerdict}: a partition that
 * is not clean, where members that reach a majority cannot reach each other). A sidelined node
 * may not lead (it downs nobody and allocates nothing). Once it has been sidelined for half of
 * {@code downAfter}, its shard regions stop their entities and keep their messages: the leader
 * sees the same silence or the same verdict at about the same moment, and downs this node (and
 * moves its shards) only after the whole {@code downAfter}. Waiting that half rather than
 * stopping at once spares the entities when the node itself was paused (a long GC): the
 * heartbeats queued meanwhile arrive just after it resumes. It hosts again as soon as it is not
 * sidelined any more. Not thread-safe: the cluster daemon owns it.
 */
final class KeepMajority {

	private static final Logger logger = LoggerFactory.getLogger(KeepMajority.class);

	private final boolean enabled;

	private final Duration stopEntitiesAfter;

	private final String self;

	private boolean sidelined;

	private long sidelinedSince;

	private boolean entitiesStopped;

	/**
	 * @param strategy whether the rule applies at all
	 * @param downAfter how long the majority waits before it downs a member it cannot reach
	 * @param self this node, as its log lines name it
	 */
	KeepMajority(SplitBrainStrategy strategy, Duration downAfter, String self) {
		this.enabled = strategy == SplitBrainStrategy.KEEP_MAJORITY;
		this.stopEntitiesAfter = downAfter.dividedBy(2);
		this.self = self;
	}

	/** Whether the members this node reaches, all but {@code unreachable}, are a majority of {@code members}. */
	static boolean reachesMajority(Collection<MemberRecord> members, Set<NodeAddress> unreachable) {
		List<NodeAddress> counted = counted(members);
		long reached = counted.stream().filter(member -> !unreachable.contains(member)).count();
		if (reached * 2 != counted.size()) {
			return reached * 2 > counted.size();
		}
		return counted.stream().min(LeaderActions.ADDRESS_ORDER).map(lowest -> !unreachable.contains(lowest)).orElse(true);
	}

	private static List<NodeAddress> counted(Collection<MemberRecord> members) {
		return members.stream()
			.filter(MemberRecord::upOrLeaving)
			.map(MemberRecord::address)
			.toList();
	}

	/**
	 * Judges this node's view now, logging every change.
	 *
	 * @param members every member of the gossip, this node included
	 * @param unreachable the members this node cannot reach
	 * @param pickedForDowning whether the {@link ReachabilityVerdict} on every member's
	 *     observations picks this node for downing: it reaches a majority, but it is one of the
	 *     members that cannot reach each other, and the leader on the other side will down it
	 * @return whether {@link #hostsEntities()} changed
	 */
	boolean judge(Collection<MemberRecord> members, Set<NodeAddress> unreachable, boolean pickedForDowning,
			long nowNanos) {
		if (!enabled) {
			return false;
		}
		boolean majority = reachesMajority(members, unreachable);
		if (majority && !pickedForDowning) {
			if (sidelined) {
				logger.info("Member {} reaches a majority of the members again and is not picked for downing; it {}", self,
						entitiesStopped ? "hosts its shards again" : "may lead again");
			}
			boolean changed = entitiesStopped;
			sidelined = false;
			entitiesStopped = false;
			return changed;
		}
		if (!sidelined) {
			sidelined = true;
			sidelinedSince = nowNanos;
			if (!majority) {
				List<NodeAddress> counted = counted(members);
				logger.warn("Member {} reaches {} of the {} members that own shards, not a majority: it downs nobody and "
						+ "allocates nothing, and unless a majority is back within {} ms its entities stop", self,
						counted.stream().filter(member -> !unreachable.contains(member)).count(), counted.size(),
						stopEntitiesAfter.toMillis());
			}
			else {
				logger.warn("Member {} is picked for downing: members that reach the others cannot reach each other, "
						+ "and the gossiped reachability picks it; it downs nobody and allocates nothing, and unless the "
						+ "members reach each other again within {} ms its entities stop", self,
						stopEntitiesAfter.toMillis());
			}
		}
		if (!entitiesStopped && nowNanos - sidelinedSince >= stopEntitiesAfter.toNanos()) {
			entitiesStopped = true;
			logger.warn("Member {} has had {} for {} ms: its shard regions stop their entities and keep their "
					+ "messages until that changes, before the leader may move its shards", self,
					majority ? "been picked for downing" : "no majority", stopEntitiesAfter.toMillis());
			return true;
		}
		return false;
	}

	/** Whether this node may act as the leader if it is the lowest member it reaches. */
	boolean mayLead() {
		return !sidelined;
	}

	/** Whether this node's regions may run the entities of the shards allocated to it. */
	boolean hostsEntities() {
		return !entitiesStopped;
	}

	/** When to judge again, after losing the majority, to stop the entities on time. */
	Duration stopEntitiesAfter() {
		return stopEntitiesAfter;
	}
}
