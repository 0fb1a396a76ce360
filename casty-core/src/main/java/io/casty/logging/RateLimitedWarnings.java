package io.casty.logging;

import java.time.Duration;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * Internal: rate-limits a kind of warning that a peer can trigger at will (refused connections,
 * messages dropped by a full mailbox): the first {@value #LINES_PER_WINDOW} of every ten
 * seconds are logged, the rest counted, and the next line after that says how many were left
 * out. A flood then costs a few lines, not one per event, and cannot fill a disk.
 */
public final class RateLimitedWarnings {

	static final int LINES_PER_WINDOW = 10;

	static final Duration WINDOW = Duration.ofSeconds(10);

	private final String about;

	private final LongSupplier nanoClock;

	private long windowStart;

	private int logged;

	private int suppressed;

	/** @param about what the warnings are about, for the line that counts those left out ("refused connections") */
	public RateLimitedWarnings(String about) {
		this(about, System::nanoTime);
	}

	RateLimitedWarnings(String about, LongSupplier nanoClock) {
		this.about = about;
		this.nanoClock = nanoClock;
		this.windowStart = nanoClock.getAsLong();
	}

	/** Logs {@code format} at WARN through {@code logger}, unless this window's lines are spent. */
	public void warn(Logger logger, String format, Object... arguments) {
		int left;
		synchronized (this) {
			long now = nanoClock.getAsLong();
			left = 0;
			if (now - windowStart >= WINDOW.toNanos()) {
				left = suppressed;
				windowStart = now;
				logged = 0;
				suppressed = 0;
			}
			if (logged >= LINES_PER_WINDOW) {
				suppressed++;
				return;
			}
			logged++;
		}
		if (left > 0) {
			logger.warn("{} more warnings about {} were not logged (at most {} per {} s)", left, about,
					LINES_PER_WINDOW, WINDOW.toSeconds());
		}
		logger.warn(format, arguments);
	}
}
