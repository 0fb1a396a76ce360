package io.casty.cluster;

import io.casty.CastyException;
import io.casty.topology.TopologySnapshot;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The latest topology the node published, and waiting for one that meets a condition: what the
 * node's {@code await*} methods and {@link ClusteredActorSystem#topology()} read. A snapshot with
 * a lower epoch than the one held is ignored.
 */
final class LatestTopology {

	private final Object lock = new Object();

	private volatile TopologySnapshot latest;

	Optional<TopologySnapshot> current() {
		return Optional.ofNullable(latest);
	}

	void offer(TopologySnapshot snapshot) {
		synchronized (lock) {
			if (latest == null || snapshot.epoch() >= latest.epoch()) {
				latest = snapshot;
			}
			lock.notifyAll();
		}
	}

	/**
	 * The first topology that meets {@code condition}, waiting for it up to {@code timeout}.
	 *
	 * @throws CastyException with {@code failure}'s message when none does in time
	 */
	TopologySnapshot await(Predicate<TopologySnapshot> condition, Duration timeout, Supplier<String> failure) {
		long deadline = System.nanoTime() + timeout.toNanos();
		synchronized (lock) {
			while (latest == null || !condition.test(latest)) {
				long remaining = deadline - System.nanoTime();
				if (remaining <= 0) {
					throw new CastyException(failure.get());
				}
				try {
					TimeUnit.NANOSECONDS.timedWait(lock, remaining);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new CastyException("Interrupted while waiting for the topology", ex);
				}
			}
			return latest;
		}
	}
}
