package io.casty.cluster.membership;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PhiAccrualFailureDetectorTest {

	private static final long SECOND = 1_000_000_000L;

	private final PhiAccrualFailureDetector detector = new PhiAccrualFailureDetector(8.0, Duration.ofSeconds(3),
			Duration.ofSeconds(1), 0);

	@Test
	void regularHeartbeatsKeepAMemberAvailable() {
		for (long t = 1; t <= 30; t++) {
			detector.heartbeat(t * SECOND);
			assertThat(detector.isAvailable(t * SECOND + SECOND / 2)).isTrue();
		}
	}

	@Test
	void silenceWithinTheAcceptablePauseIsToleratedAndBeyondItIsNot() {
		for (long t = 1; t <= 30; t++) {
			detector.heartbeat(t * SECOND);
		}

		assertThat(detector.isAvailable(30 * SECOND + 3 * SECOND)).as("3 s of silence").isTrue();
		assertThat(detector.isAvailable(30 * SECOND + 6 * SECOND)).as("6 s of silence").isFalse();
	}

	@Test
	void suspicionGrowsWithSilence() {
		for (long t = 1; t <= 10; t++) {
			detector.heartbeat(t * SECOND);
		}

		assertThat(detector.phi(14 * SECOND)).isLessThan(detector.phi(15 * SECOND));
		assertThat(detector.phi(15 * SECOND)).isLessThan(detector.phi(16 * SECOND));
	}

	@Test
	void aMemberNeverHeardFromIsSuspectedAfterTheAcceptablePause() {
		assertThat(detector.isAvailable(2 * SECOND)).isTrue();
		assertThat(detector.isAvailable(10 * SECOND)).isFalse();
	}
}
