package io.casty.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.casty.testing.LogCapture;
import io.netty.util.concurrent.DefaultEventExecutor;
import io.netty.util.concurrent.EventExecutor;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The watchdog's clock, driven by hand: a thread stuck past the threshold is reported once; a
 * check that comes late (the whole process stood still) restarts the wait instead.
 */
class NetworkThreadWatchdogTest {

	private static final Duration THRESHOLD = Duration.ofSeconds(2);

	private static final long INTERVAL = NetworkThreadWatchdog.checkInterval(THRESHOLD).toNanos();

	private final EventExecutor networkThread = new DefaultEventExecutor();

	private final CountDownLatch release = new CountDownLatch(1);

	private final NetworkThreadWatchdog watchdog = new NetworkThreadWatchdog(List.of(networkThread), THRESHOLD);

	private LogCapture log;

	@BeforeEach
	void holdUpTheThread() throws Exception {
		log = LogCapture.of(NetworkThreadWatchdog.class.getName());
		networkThread.submit(() -> release.await(30, TimeUnit.SECONDS)).await(0);
	}

	@AfterEach
	void releaseIt() {
		release.countDown();
		networkThread.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
		log.close();
	}

	@Test
	void aThreadStuckPastTheThresholdIsReportedOnceAndAgainWhenItIsBack() {
		long start = System.nanoTime();
		for (int check = 0; check <= NetworkThreadWatchdog.CHECKS_PER_THRESHOLD; check++) {
			watchdog.check(start + check * INTERVAL);
		}
		assertThat(log.messages()).isEmpty();

		watchdog.check(start + (NetworkThreadWatchdog.CHECKS_PER_THRESHOLD + 1) * INTERVAL);
		watchdog.check(start + (NetworkThreadWatchdog.CHECKS_PER_THRESHOLD + 2) * INTERVAL);

		assertThat(log.messages()).singleElement().asString().contains("has been busy with one task for more than 2500 ms");
		release.countDown();
		await().until(() -> log.messages().size() == 2);
		assertThat(log.messages().get(1)).contains("is running tasks again");
	}

	@Test
	void aLateCheckMeansTheProcessStoodStillAndTheWaitStartsAgain() {
		long start = System.nanoTime();
		watchdog.check(start);
		long resumed = start + 10 * THRESHOLD.toNanos();
		for (int check = 0; check <= NetworkThreadWatchdog.CHECKS_PER_THRESHOLD; check++) {
			watchdog.check(resumed + check * INTERVAL);
		}
		assertThat(log.messages()).isEmpty();

		watchdog.check(resumed + (NetworkThreadWatchdog.CHECKS_PER_THRESHOLD + 1) * INTERVAL);

		assertThat(log.messages()).singleElement().asString().contains("has been busy with one task for more than 2500 ms");
	}
}
