package io.casty.cluster.membership;

import io.casty.actor.NodeAddress;
import io.casty.topology.MemberStatus;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How this node joins the cluster through its seed nodes, in each of its lives.
 *
 * <p>A node with no seed but itself founds the cluster at once; any other sends its joins to the
 * other seeds. A seed that found no running cluster within the seed timeout founds one, but only
 * if it has the lowest address among the seeds waiting with it: seeds started together agree on a
 * single founder, and a seed restarted into a running cluster never starts a second one.
 *
 * <p>Each life of the node is an incarnation, numbered by the wall clock, so that a restarted
 * process numbers its first life above its previous one's, whose record it replaces everywhere.
 * A life that the cluster downed, or removed while the node was not leaving, is over: the node
 * joins again as the next. Not thread-safe: the cluster daemon owns it.
 */
final class Joining {

	private static final Logger logger = LoggerFactory.getLogger(Joining.class);

	/** Gossip rounds a seed waits for the other seeds before it founds the cluster itself. */
	private static final int SEED_TIMEOUT_ROUNDS = 5;

	private final List<NodeAddress> seeds;

	private final NodeAddress self;

	private final String nodeId;

	private final List<NodeAddress> otherSeeds;

	/** Whether this node is a seed that waits for the other seeds, and so may found the cluster. */
	private final boolean waitingSeed;

	private final long foundingAllowedAfter;

	private long incarnation;

	/**
	 * @param seeds the seed nodes, this node among them or not
	 * @param gossipInterval how often this node gossips: the seed timeout is five rounds
	 * @param self this node
	 * @param nodeId this node's configured name
	 * @param startNanos when this node started
	 */
	Joining(List<NodeAddress> seeds, Duration gossipInterval, NodeAddress self, String nodeId, long startNanos) {
		this.seeds = List.copyOf(seeds);
		this.self = self;
		this.nodeId = nodeId;
		this.otherSeeds = this.seeds.stream().filter(seed -> !seed.equals(self)).toList();
		this.waitingSeed = !otherSeeds.isEmpty() && this.seeds.contains(self);
		this.foundingAllowedAfter = startNanos + gossipInterval.multipliedBy(SEED_TIMEOUT_ROUNDS).toNanos();
	}

	/** This node's record as it starts: up if it founds the cluster, joining otherwise. */
	MemberRecord firstLife(long nowMillis) {
		incarnation = nowMillis;
		if (otherSeeds.isEmpty()) {
			logger.info("Member {} ({}) is UP, founding the cluster", nodeId, self);
			return new MemberRecord(self, nodeId, incarnation, MemberStatus.UP, 0, Map.of());
		}
		logger.info("Member {} ({}) is JOINING through seed nodes {}", nodeId, self,
				otherSeeds.stream().map(NodeAddress::hostPort).toList());
		return new MemberRecord(self, nodeId, incarnation, MemberStatus.JOINING, 0, Map.of());
	}

	/** The number of this node's current life. */
	long incarnation() {
		return incarnation;
	}

	/** The seeds to send joins to: all but this node. */
	List<NodeAddress> otherSeeds() {
		return otherSeeds;
	}

	/**
	 * Whether this node, joining, founds the cluster now: it is a seed, the seed timeout is over,
	 * no member of {@code gossip} is up or leaving, and of the joining seeds this node does not
	 * know to be unreachable it has the lowest address.
	 */
	boolean foundsNow(Gossip gossip, Reachability reachability, long nowNanos) {
		if (!waitingSeed || gossip.members().get(self).status() != MemberStatus.JOINING
				|| nowNanos - foundingAllowedAfter < 0) {
			return false;
		}
		boolean clusterRuns = gossip.members().values().stream()
			.anyMatch(MemberRecord::upOrLeaving);
		NodeAddress firstWaitingSeed = gossip.members().values().stream()
			.filter(member -> member.status() == MemberStatus.JOINING && seeds.contains(member.address()))
			.map(MemberRecord::address)
			.filter(address -> !reachability.isUnreachable(address))
			.min(LeaderActions.ADDRESS_ORDER)
			.orElse(self);
		if (clusterRuns || !firstWaitingSeed.equals(self)) {
			return false;
		}
		logger.info("No running cluster answered the seed nodes; member {} ({}) founds the cluster", nodeId, self);
		return true;
	}

	/**
	 * The record of this node's next life, if the cluster ended the current one: downed it, or
	 * removed it while it was not leaving. Its entity types go with it.
	 *
	 * @param me this node's record of its current life, as the gossip has it now
	 */
	Optional<MemberRecord> nextLife(MemberRecord me, boolean leaving, long nowMillis) {
		if (me.status() != MemberStatus.DOWN && (me.status() != MemberStatus.REMOVED || leaving)) {
			return Optional.empty();
		}
		logger.warn("Member {} ({}) was {} by the cluster; rejoining as a new incarnation", nodeId, self,
				me.status() == MemberStatus.DOWN ? "downed" : "removed");
		incarnation = Math.max(nowMillis, incarnation + 1);
		return Optional.of(new MemberRecord(self, nodeId, incarnation, MemberStatus.JOINING, me.version() + 1,
				me.entityTypes()));
	}
}
