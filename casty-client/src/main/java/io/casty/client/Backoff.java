package io.casty.client;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with "equal jitter": attempt n waits between half and all of
 * {@code min * 2^n}, capped at {@code max}, so many clients that lost the same cluster do not
 * reconnect in lockstep.
 */
final class Backoff {

	private final long minNanos;

	private final long maxNanos;

	private int attempt;

	Backoff(Duration min, Duration max) {
		this.minNanos = min.toNanos();
		this.maxNanos = max.toNanos();
	}

	/** The delay before the next attempt; each call doubles the next one, up to the cap. */
	synchronized Duration next() {
		long ceiling = minNanos << Math.min(attempt, 30);
		if (ceiling <= 0 || ceiling > maxNanos) {
			ceiling = maxNanos;
		}
		attempt++;
		long half = ceiling / 2;
		return Duration.ofNanos(half + ThreadLocalRandom.current().nextLong(half + 1));
	}

	/** Back to the shortest delay, after a success. */
	synchronized void reset() {
		attempt = 0;
	}
}
