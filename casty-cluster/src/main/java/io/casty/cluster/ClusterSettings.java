package io.casty.cluster;

import io.casty.actor.NodeAddress;
import java.time.Duration;
import java.util.List;

/**
 * Membership, failure detection and sharding settings of a node; immutable. Every value starts
 * from the {@code DEFAULT_*} constant of the same name.
 */
public final class ClusterSettings {

	/** How often a node gossips its state to another member. */
	public static final Duration DEFAULT_GOSSIP_INTERVAL = Duration.ofMillis(500);

	/**
	 * How often a node tells every other member it is alive. With the acceptable pause and
	 * {@link #DEFAULT_DOWN_AFTER}, it sets how long the shards of a crashed node go unanswered:
	 * with these defaults about 4 s on loopback (a silent member is unreachable after about
	 * 1.5 s and downed 2 s later), against 10 s with the former 1 s, 3 s and 5 s.
	 */
	public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofMillis(300);

	/** Suspicion level above which a member is unreachable. */
	public static final double DEFAULT_FAILURE_DETECTOR_THRESHOLD = 8.0;

	/**
	 * Silence tolerated on top of the usual heartbeat interval (GC pauses, slow networks). Raise
	 * it (and {@link #DEFAULT_DOWN_AFTER}) where pauses of more than a second are normal: a
	 * member silent for longer is unreachable, and its shards stop being answered meanwhile.
	 */
	public static final Duration DEFAULT_ACCEPTABLE_HEARTBEAT_PAUSE = Duration.ofSeconds(1);

	/**
	 * How long a member may stay unreachable before the leader downs it and moves its shards. A
	 * node cut off from the majority stops its entities after half of it, so it must outlast the
	 * difference between when two members notice the same silence (up to two heartbeat
	 * intervals): keep it above four heartbeat intervals.
	 */
	public static final Duration DEFAULT_DOWN_AFTER = Duration.ofSeconds(2);

	/** Shards per entity type that may be moving at once to rebalance. */
	public static final int DEFAULT_MAX_SIMULTANEOUS_REBALANCE = 3;

	/** How long a graceful leave may take before the node stops anyway. */
	public static final Duration DEFAULT_LEAVE_TIMEOUT = Duration.ofSeconds(30);

	/** What members do about those they cannot reach; see {@link SplitBrainStrategy}. */
	public static final SplitBrainStrategy DEFAULT_SPLIT_BRAIN_STRATEGY = SplitBrainStrategy.KEEP_MAJORITY;

	private final List<NodeAddress> seedNodes;

	private final Duration gossipInterval;

	private final Duration heartbeatInterval;

	private final double failureDetectorThreshold;

	private final Duration acceptableHeartbeatPause;

	private final Duration downAfter;

	private final int maxSimultaneousRebalance;

	private final Duration leaveTimeout;

	private final SplitBrainStrategy splitBrainStrategy;

	/** The builder checked every value as it was set (see {@link ClusteredActorSystem.Builder}). */
	ClusterSettings(List<NodeAddress> seedNodes, Duration gossipInterval, Duration heartbeatInterval,
			double failureDetectorThreshold, Duration acceptableHeartbeatPause, Duration downAfter,
			int maxSimultaneousRebalance, Duration leaveTimeout, SplitBrainStrategy splitBrainStrategy) {
		this.seedNodes = List.copyOf(seedNodes);
		this.gossipInterval = gossipInterval;
		this.heartbeatInterval = heartbeatInterval;
		this.failureDetectorThreshold = failureDetectorThreshold;
		this.acceptableHeartbeatPause = acceptableHeartbeatPause;
		this.downAfter = downAfter;
		this.maxSimultaneousRebalance = maxSimultaneousRebalance;
		this.leaveTimeout = leaveTimeout;
		this.splitBrainStrategy = splitBrainStrategy;
	}

	/** Members to join through; a node that lists itself (or has none) may start a new cluster. */
	public List<NodeAddress> seedNodes() {
		return seedNodes;
	}

	public Duration gossipInterval() {
		return gossipInterval;
	}

	public Duration heartbeatInterval() {
		return heartbeatInterval;
	}

	public double failureDetectorThreshold() {
		return failureDetectorThreshold;
	}

	public Duration acceptableHeartbeatPause() {
		return acceptableHeartbeatPause;
	}

	public Duration downAfter() {
		return downAfter;
	}

	public int maxSimultaneousRebalance() {
		return maxSimultaneousRebalance;
	}

	public Duration leaveTimeout() {
		return leaveTimeout;
	}

	public SplitBrainStrategy splitBrainStrategy() {
		return splitBrainStrategy;
	}
}
