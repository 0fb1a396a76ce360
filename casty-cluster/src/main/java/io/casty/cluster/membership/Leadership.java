package io.casty.cluster.membership;

import io.casty.actor.NodeAddress;
import io.casty.cluster.ClusterSettings;
import io.casty.cluster.SplitBrainStrategy;
import io.casty.cluster.membership.ClusterMessages.HandOffComplete;
import io.casty.cluster.sharding.Allocations;
import io.casty.topology.MemberStatus;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who leads, and what the leader does each round ({@link LeaderActions}), on this node's view.
 * The leader is the up (or leaving) member with the lowest address among those this node can
 * reach and the gossiped verdict spares; this node leads while it is that member and may lead
 * ({@link KeepMajority}).
 *
 * <p>With keep-majority, the leader downs the members that the {@link ReachabilityVerdict} picked
 * ({@link PickedForDowning}) for longer than {@code downAfter}, and lets a joining member in only
 * once {@link JoinAdmission} says so; with auto-down, it downs the members this node cannot reach
 * for that long. Either way, it downs joining members this node cannot reach for that long (the
 * verdict does not judge them: they host nothing). And it completes the hand-offs that the
 * regions report. Not thread-safe: the cluster daemon owns it.
 */
final class Leadership {

	private static final Logger logger = LoggerFactory.getLogger(Leadership.class);

	private final NodeAddress self;

	private final Reachability reachability;

	private final KeepMajority majority;

	/**
	 * Whether downing and leadership follow the {@link ReachabilityVerdict} on every member's
	 * observations (keep-majority) rather than this node's failure detector alone (auto-down).
	 */
	private final boolean judgesOnGossipedReachability;

	private final PickedForDowning picked;

	private final JoinAdmission joins;

	private final Duration downAfter;

	private final int maxSimultaneousRebalance;

	/**
	 * @param reachability this node's failure detectors, which it keeps
	 * @param majority whether this node may lead, which its owner judges
	 */
	Leadership(ClusterSettings settings, NodeAddress self, Reachability reachability, KeepMajority majority) {
		this.self = self;
		this.reachability = reachability;
		this.majority = majority;
		this.judgesOnGossipedReachability = settings.splitBrainStrategy() == SplitBrainStrategy.KEEP_MAJORITY;
		this.picked = new PickedForDowning(settings.downAfter());
		this.joins = new JoinAdmission(settings.acceptableHeartbeatPause(), settings.heartbeatInterval());
		this.downAfter = settings.downAfter();
		this.maxSimultaneousRebalance = settings.maxSimultaneousRebalance();
	}

	/** Takes the {@link ReachabilityVerdict} on {@code gossip}'s table as it is now (keep-majority only). */
	void judge(Gossip gossip, long nowNanos) {
		if (judgesOnGossipedReachability) {
			picked.judge(gossip, nowNanos, gossip::nodeIdOf);
		}
	}

	boolean isPickedForDowning(NodeAddress member) {
		return picked.contains(member);
	}

	/** Notes the members that came back as a new incarnation, for {@link JoinAdmission}. */
	void noteRestarts(Gossip previous, Gossip next) {
		joins.noteRestarts(previous, next);
	}

	/** The leader on this node's view, or {@code null} while no member can be. */
	NodeAddress leader(Gossip gossip) {
		return gossip.members().values().stream()
			.filter(MemberRecord::upOrLeaving)
			.map(MemberRecord::address)
			.filter(address -> !reachability.isUnreachable(address) && !isPickedForDowning(address))
			.min(LeaderActions.ADDRESS_ORDER)
			.orElse(null);
	}

	/**
	 * Whether this node leads: it is the lowest member it reaches that is not picked for downing,
	 * and it reaches a majority (or need not) and is not picked for downing itself.
	 */
	boolean isLeader(Gossip gossip) {
		return self.equals(leader(gossip)) && majority.mayLead();
	}

	/** What the leader makes of {@code gossip} now: member moves and allocations; an equal state when nothing changes. */
	Gossip act(Gossip gossip, long nowNanos) {
		Set<NodeAddress> unavailable = new HashSet<>(reachability.unreachable());
		unavailable.addAll(picked.members());
		unavailable.addAll(joiningNotHeardLongEnough(gossip, nowNanos));
		return LeaderActions.apply(gossip, self, unavailable, dueForDowning(gossip, nowNanos), maxSimultaneousRebalance);
	}

	/**
	 * What the leader makes of {@code gossip} once a region reported that it stopped every entity
	 * of a shard it hands off: the hand-off's target owns the shard. {@code gossip} itself when
	 * this node does not lead or no such hand-off is under way (a report repeated, or late).
	 */
	Gossip completeHandOff(Gossip gossip, HandOffComplete complete) {
		if (!isLeader(gossip)) {
			return gossip;
		}
		Allocations next = gossip.allocations().withHandOffComplete(complete.type(), complete.shard(), complete.from(),
				self);
		if (next == gossip.allocations()) {
			return gossip;
		}
		NodeAddress to = next.types().get(complete.type()).owners().get(complete.shard());
		logger.info("Shard {} of '{}' handed off from {} to {}", complete.shard(), complete.type(),
				gossip.nodeIdOf(complete.from()), gossip.nodeIdOf(to));
		return gossip.with(next);
	}

	private Set<NodeAddress> dueForDowning(Gossip gossip, long nowNanos) {
		Set<NodeAddress> due = new HashSet<>(reachability.unreachableLongerThan(downAfter, nowNanos));
		if (!judgesOnGossipedReachability) {
			return due;
		}
		due.removeIf(member -> !isJoining(gossip, member));
		due.addAll(picked.due(nowNanos));
		return due;
	}

	private static boolean isJoining(Gossip gossip, NodeAddress member) {
		MemberRecord record = gossip.members().get(member);
		return record != null && record.status() == MemberStatus.JOINING;
	}

	/** The joining members the leader may not let in yet ({@link JoinAdmission}; keep-majority only). */
	private Set<NodeAddress> joiningNotHeardLongEnough(Gossip gossip, long nowNanos) {
		return judgesOnGossipedReachability ? joins.notYet(gossip, self, reachability, nowNanos) : Set.of();
	}
}
