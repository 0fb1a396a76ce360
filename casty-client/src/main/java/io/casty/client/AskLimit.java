package io.casty.client;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts a client's asks in flight and refuses those beyond {@code maxInFlightAsks}. Each ask
 * {@link #tryAcquire() acquired} must be {@link #release() released} exactly once, when it ends.
 *
 * <p>Refusals are logged without flooding the log: one warning at the first, then at most one
 * per {@link #LOG_INTERVAL_NANOS}, with the number refused since the previous line.
 */
final class AskLimit {

	private static final Logger logger = LoggerFactory.getLogger(ClusterClient.class);

	static final long LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

	private final int max;

	private final AtomicInteger inFlight = new AtomicInteger();

	private final LongSupplier nanoTime;

	private final AtomicLong nextLogNanos;

	private final AtomicLong refusedSinceLog = new AtomicLong();

	// Written only by the thread that won the right to log, at most once per interval.
	private volatile boolean warned;

	AskLimit(int max) {
		this(max, System::nanoTime);
	}

	AskLimit(int max, LongSupplier nanoTime) {
		this.max = max;
		this.nanoTime = nanoTime;
		this.nextLogNanos = new AtomicLong(nanoTime.getAsLong());
	}

	int max() {
		return max;
	}

	/** Asks acquired and not released yet. */
	int inFlight() {
		return inFlight.get();
	}

	/** Counts one more ask in flight, unless that would exceed the limit. */
	boolean tryAcquire() {
		int current;
		do {
			current = inFlight.get();
			if (current >= max) {
				return false;
			}
		}
		while (!inFlight.compareAndSet(current, current + 1));
		return true;
	}

	/** An acquired ask ended. */
	void release() {
		inFlight.decrementAndGet();
	}

	/** Records a refused ask, logs if it is time to, and returns the exception to fail it with. */
	AskLimitExceededException refuse(String shardType) {
		refusedSinceLog.incrementAndGet();
		long now = nanoTime.getAsLong();
		long next = nextLogNanos.get();
		if (now - next >= 0 && nextLogNanos.compareAndSet(next, now + LOG_INTERVAL_NANOS)) {
			long refused = refusedSinceLog.getAndSet(0);
			if (!warned) {
				warned = true;
				logger.warn("Refused an ask: this client already has {} asks in flight, its limit "
						+ "(maxInFlightAsks / casty.client.max-in-flight-asks); replies come back more slowly "
						+ "than asks are sent. Further refusals are counted and logged at most every {} s",
						max, TimeUnit.NANOSECONDS.toSeconds(LOG_INTERVAL_NANOS));
			}
			else {
				logger.warn("Refused {} more asks since the last warning: {} asks in flight is this client's limit "
						+ "(maxInFlightAsks / casty.client.max-in-flight-asks)", refused, max);
			}
		}
		return new AskLimitExceededException("Ask to '" + shardType + "' refused: this client already has " + max
				+ " asks in flight, its limit (maxInFlightAsks; casty.client.max-in-flight-asks in Spring Boot). "
				+ "Slow down until replies come back, or raise the limit if the cluster can take more");
	}
}
