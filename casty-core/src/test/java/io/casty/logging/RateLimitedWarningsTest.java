package io.casty.logging;

import static org.assertj.core.api.Assertions.assertThat;

import io.casty.testing.LogCapture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class RateLimitedWarningsTest {

	private static final Logger logger = LoggerFactory.getLogger("casty.test.connection-warnings");

	private final AtomicLong now = new AtomicLong(1_000);

	private final RateLimitedWarnings warnings = new RateLimitedWarnings("refused or failed connections", now::get);

	@Test
	void aFloodLogsTheFirstLinesOfEachWindowThenSaysHowManyItLeftOut() {
		try (LogCapture log = LogCapture.of("casty.test.connection-warnings")) {
			for (int i = 0; i < 25; i++) {
				warnings.warn(logger, "Refused connection {}", i);
			}
			assertThat(log.messages()).hasSize(RateLimitedWarnings.LINES_PER_WINDOW)
				.first().isEqualTo("WARN Refused connection 0");

			now.addAndGet(RateLimitedWarnings.WINDOW.toNanos());
			warnings.warn(logger, "Refused connection {}", 25);

			assertThat(log.messages()).hasSize(RateLimitedWarnings.LINES_PER_WINDOW + 2)
				.endsWith("WARN 15 more warnings about refused or failed connections were not logged (at most 10 per 10 s)",
						"WARN Refused connection 25");
		}
	}
}
