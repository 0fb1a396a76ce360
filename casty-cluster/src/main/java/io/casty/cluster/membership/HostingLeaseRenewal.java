package io.casty.cluster.membership;

import io.casty.actor.NodeAddress;
import io.casty.cluster.membership.ClusterMessages.MembershipCheck;
import io.casty.cluster.membership.ClusterMessages.MembershipCheckReply;
import io.casty.cluster.sharding.HostingLease;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's hosting lease: its regions hand messages to their entities only while it runs.
 * Each extension lasts half of {@code downAfter} or two heartbeat intervals, whichever is longer,
 * and while the lease runs it is extended on every heartbeat tick.
 *
 * <p>A node that stood still (a long GC pause, SIGSTOP) finds, when it moves again, messages for
 * its entities already read, and heartbeats and gossip from before the pause that make it look
 * like a member in good standing; but its lease ran out while it stood still, so those messages
 * wait, and the lease is extended again only by a member's answer to a {@link MembershipCheck}
 * sent since. If the others downed the node meanwhile, that answer says so, its shards are
 * elsewhere, and the messages follow them there instead of reaching entities that run on the
 * shards' new owners by then. Not thread-safe: the cluster daemon owns it.
 */
final class HostingLeaseRenewal {

	private static final Logger logger = LoggerFactory.getLogger(HostingLeaseRenewal.class);

	private final NodeAddress self;

	/** This node, as its log lines name it. */
	private final String selfName;

	/** How long each extension lasts. */
	private final long leaseNanos;

	/** Until when this node's regions may hand messages to their entities. */
	private long hostUntil;

	/** The number of the latest {@link MembershipCheck} sent. */
	private long lastCheck;

	/** The first check sent since the lease ran out, whose answers (or later ones') extend it; 0 while it runs. */
	private long firstCheckSinceLapse;

	/**
	 * @param downAfter how long the other members wait before they down a member they cannot reach
	 * @param heartbeatInterval how often the lease is extended while it runs
	 * @param self this node, which the checks come from
	 * @param nodeId this node's configured name, for the log lines
	 * @param startNanos when this node started: the first lease runs from then
	 */
	HostingLeaseRenewal(Duration downAfter, Duration heartbeatInterval, NodeAddress self, String nodeId,
			long startNanos) {
		this.self = self;
		this.selfName = nodeId + " (" + self + ")";
		this.leaseNanos = Math.max(downAfter.dividedBy(2).toNanos(), heartbeatInterval.multipliedBy(2).toNanos());
		this.hostUntil = startNanos + leaseNanos;
	}

	HostingLease current() {
		return new HostingLease(hostUntil);
	}

	/**
	 * A heartbeat tick: extends the lease while it runs, or when there is no other member to ask;
	 * once it ran out, numbers a check for the other members instead.
	 *
	 * @return the check to send to every other member; empty when the lease was extended
	 */
	Optional<MembershipCheck> onHeartbeat(boolean othersToAsk, long nowNanos) {
		if (hostUntil - nowNanos > 0 || !othersToAsk) {
			hostUntil = nowNanos + leaseNanos;
			return Optional.empty();
		}
		long check = ++lastCheck;
		if (firstCheckSinceLapse == 0) {
			firstCheckSinceLapse = check;
			logger.warn("Member {} renewed no hosting lease for {} ms (it stood still, or reached no majority); "
					+ "its entities get no messages until another member confirms its membership", selfName,
					(nowNanos - hostUntil + leaseNanos) / 1_000_000);
		}
		return Optional.of(new MembershipCheck(self, check));
	}

	/**
	 * An answer to a check: extends the lease if it answers one sent since the lease ran out.
	 *
	 * @param gossip this node's gossip with the answer's merged in already
	 * @return whether it extended the lease
	 */
	boolean onReply(MembershipCheckReply reply, Gossip gossip, long nowNanos) {
		if (firstCheckSinceLapse == 0 || reply.check() < firstCheckSinceLapse) {
			return false;
		}
		firstCheckSinceLapse = 0;
		logger.info("Member {} is {} as {} sees it; its entities get their messages again", selfName,
				gossip.members().get(self).status(), gossip.nodeIdOf(reply.from()));
		hostUntil = nowNanos + leaseNanos;
		return true;
	}
}
