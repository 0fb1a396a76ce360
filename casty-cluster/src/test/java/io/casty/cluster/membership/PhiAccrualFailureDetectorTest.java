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

	/**
	 * With the defaults (heartbeats every 300 ms, 1 s acceptable pause): once a member was
	 * suspected and is heard again, the silence it ended is no usual interval between heartbeats.
	 * Were it kept in the history, the next silence would be noticed only after about 5 s instead
	 * of under 2 s, for as long as the history remembers it (200 heartbeats, a minute): the
	 * partition soak saw a member take 7 s to notice a node it had been cut from 40 s before,
	 * while the third member, which noticed in 2 s, was picked for downing alone meanwhile.
	 */
	@Test
	void theSilenceThatEndsASuspicionDoesNotSlowNoticingTheNextOne() {
		long ms = 1_000_000L;
		PhiAccrualFailureDetector defaults = new PhiAccrualFailureDetector(8.0, Duration.ofSeconds(1),
				Duration.ofMillis(300), 0);
		long t = 0;
		for (int i = 0; i < 100; i++) {
			t += 300 * ms;
			defaults.heartbeat(t);
		}
		long before = silenceNoticedAfter(defaults, t);

		t += 10_000 * ms;
		assertThat(defaults.isAvailable(t)).as("suspected after 10 s of silence").isFalse();
		defaults.heartbeat(t);
		assertThat(defaults.isAvailable(t)).as("available again once heard").isTrue();
		for (int i = 0; i < 100; i++) {
			t += 300 * ms;
			defaults.heartbeat(t);
		}

		assertThat(before).as("ms until the first silence is noticed").isLessThan(2_000);
		assertThat(silenceNoticedAfter(defaults, t)).as("ms until the next silence is noticed, after the suspicion")
			.isLessThanOrEqualTo(before + 50);
	}

	/** How many ms of silence after {@code lastHeartbeat} the detector suspects the member. */
	private static long silenceNoticedAfter(PhiAccrualFailureDetector detector, long lastHeartbeat) {
		long silence = 0;
		while (detector.isAvailable(lastHeartbeat + silence * 1_000_000L)) {
			silence += 10;
		}
		return silence;
	}
}
