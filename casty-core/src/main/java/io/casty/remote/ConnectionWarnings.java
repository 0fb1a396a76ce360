package io.casty.remote;

import java.time.Duration;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * Rate-limits the warnings a node logs about connections it refuses or closes (bad handshake,
 * wrong secret, too many connections, malformed frames): the first {@value #LINES_PER_WINDOW}
 * of every ten seconds are logged, the rest counted, and the next line after that says how many
 * were left out. A flood of bad connections then costs a few lines, not one per connection, and
 * cannot fill a disk.
 */
final class ConnectionWarnings {

	static final int LINES_PER_WINDOW = 10;

	static final Duration WINDOW = Duration.ofSeconds(10);

	private final LongSupplier nanoClock;

	private long windowStart;

	private int logged;

	private int suppressed;

	ConnectionWarnings(LongSupplier nanoClock) {
		this.nanoClock = nanoClock;
		this.windowStart = nanoClock.getAsLong();
	}

	/** Logs {@code format} at WARN through {@code logger}, unless this window's lines are spent. */
	void warn(Logger logger, String format, Object... arguments) {
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
			logger.warn("{} more warnings about refused or failed connections were not logged (at most {} per {} s)",
					left, LINES_PER_WINDOW, WINDOW.toSeconds());
		}
		logger.warn(format, arguments);
	}
}
