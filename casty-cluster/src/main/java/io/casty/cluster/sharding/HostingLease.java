package io.casty.cluster.sharding;

/**
 * Internal: until when a node's regions may hand messages to their entities: the node's hosting
 * lease, sent by the cluster daemon to every region each time it renews it (see
 * {@code ClusterDaemon}). Public only for the daemon, which grants it.
 *
 * @param untilNanos the moment, in the nanoseconds of the node's membership clock
 *     ({@link System#nanoTime()} outside tests), after which a region keeps the messages for its
 *     entities instead of handing them over, until a later lease
 */
public record HostingLease(long untilNanos) {

	/** A lease that has already run out: what a region holds before its daemon's first. */
	static final HostingLease NONE = new HostingLease(Long.MIN_VALUE);

	/** Whether the lease runs at {@code nowNanos}; {@link #NONE} never does (its difference would overflow). */
	boolean runsAt(long nowNanos) {
		return this != NONE && untilNanos - nowNanos > 0;
	}
}
