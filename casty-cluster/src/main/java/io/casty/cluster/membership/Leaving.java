package io.casty.cluster.membership;

import io.casty.actor.NodeAddress;
import io.casty.topology.MemberStatus;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's graceful leave, from the request to its end: the node becomes leaving (or, the last
 * up member, is done at once), the leader hands its shards off and makes it exiting, and a moment
 * later the request completes. Not thread-safe: the cluster daemon owns it.
 */
final class Leaving {

	private static final Logger logger = LoggerFactory.getLogger(Leaving.class);

	private final NodeAddress self;

	private final String nodeId;

	private CompletableFuture<Void> done;

	private boolean exited;

	Leaving(NodeAddress self, String nodeId) {
		this.self = self;
		this.nodeId = nodeId;
	}

	/** Whether this node was asked to leave. */
	boolean requested() {
		return done != null;
	}

	/**
	 * Asked to leave.
	 *
	 * @return whether this node must become leaving and hand its shards off: another member is
	 *     up; when none is, {@code done} is complete already
	 */
	boolean request(CompletableFuture<Void> done, Gossip gossip) {
		this.done = done;
		boolean anotherUp = gossip.members().values().stream()
			.anyMatch(member -> !member.address().equals(self) && member.status() == MemberStatus.UP);
		if (!anotherUp) {
			logger.info("Member {} ({}) is leaving; it is the last member", nodeId, self);
			done.complete(null);
		}
		return anotherUp;
	}

	/**
	 * Whether {@code me}, this node's current record, shows for the first time that the leave
	 * handed off all its shards.
	 */
	boolean exitsNow(MemberRecord me) {
		if (me.status() != MemberStatus.EXITING || done == null || exited) {
			return false;
		}
		exited = true;
		logger.info("Member {} ({}) handed off all its shards; leaving", nodeId, self);
		return true;
	}

	/** Peers and clients had their moment to see the final allocation: the leave is done. */
	void complete() {
		done.complete(null);
	}
}
