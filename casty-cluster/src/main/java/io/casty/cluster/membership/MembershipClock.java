package io.casty.cluster.membership;

/**
 * Internal: the time a node's membership reads, so that tests can drive it. One clock serves the
 * node's cluster daemon and its shard regions, since a region judges the daemon's hosting leases
 * by it. {@link #SYSTEM} reads the system's; nothing else does outside tests.
 */
public interface MembershipClock {

	/** The system's clock: {@link System#nanoTime()} and {@link System#currentTimeMillis()}. */
	MembershipClock SYSTEM = new MembershipClock() {

		@Override
		public long nanoTime() {
			return System.nanoTime();
		}

		@Override
		public long currentTimeMillis() {
			return System.currentTimeMillis();
		}
	};

	/** Monotonic nanoseconds, as {@link System#nanoTime()}: what every timeout and lease is measured by. */
	long nanoTime();

	/**
	 * Wall-clock milliseconds, as {@link System#currentTimeMillis()}: only to number the node's
	 * lives (incarnations), which must grow across restarts of its process.
	 */
	long currentTimeMillis();
}
