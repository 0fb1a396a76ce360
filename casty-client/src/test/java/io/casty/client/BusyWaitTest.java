package io.casty.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The opt-in spin of a thread blocked on an ask's reply: bounded in time and in spinners. */
class BusyWaitTest {

	private static final Duration SPIN = Duration.ofMillis(1);

	/** A future that is never done and counts how often it was asked. */
	private static final class NeverDone extends CompletableFuture<Object> {

		final AtomicInteger checks = new AtomicInteger();

		@Override
		public boolean isDone() {
			checks.incrementAndGet();
			return false;
		}
	}

	@Test
	void aWaiterSpinsUntilTheSpinIsOverThenGivesUp() {
		NeverDone never = new NeverDone();

		new BusyWait(SPIN, 1).spinBriefly(never, Long.MAX_VALUE);

		assertThat(never.checks).hasValueGreaterThan(1);
	}

	@Test
	void noWaiterSpinsWhileEverySpinIsTaken() {
		BusyWait busyWait = new BusyWait(SPIN, 2);
		assertThat(busyWait.tryStartSpinning()).isTrue();
		assertThat(busyWait.tryStartSpinning()).isTrue();
		NeverDone never = new NeverDone();

		assertThat(busyWait.tryStartSpinning()).isFalse();
		busyWait.spinBriefly(never, Long.MAX_VALUE);
		assertThat(never.checks).hasValue(1);

		busyWait.stopSpinning();
		busyWait.spinBriefly(never, Long.MAX_VALUE);
		assertThat(never.checks).hasValueGreaterThan(2);
		// A spin that ended gave its place back.
		assertThat(busyWait.tryStartSpinning()).isTrue();
	}

	@Test
	void offNeverSpins() {
		NeverDone never = new NeverDone();

		BusyWait.OFF.spinBriefly(never, Long.MAX_VALUE);

		assertThat(never.checks).hasValue(0);
		assertThat(BusyWait.forCores(Duration.ZERO)).isSameAs(BusyWait.OFF);
	}

	@Test
	void aReplyCompletedOnAnotherThreadReachesASpinningCaller() throws Exception {
		BusyWait busyWait = new BusyWait(SPIN, 1);
		for (int i = 0; i < 1_000; i++) {
			ReplyFuture<Integer> reply = new ReplyFuture<>(Runnable::run, busyWait);
			int expected = i;
			Thread replier = new Thread(() -> reply.complete(expected));
			replier.start();

			assertThat(i % 2 == 0 ? reply.get(5, TimeUnit.SECONDS) : reply.join()).isEqualTo(expected);
			replier.join();
		}
	}

	@Test
	void aTimedGetStillTimesOutAfterItsTimeoutWhateverTheSpin() {
		ReplyFuture<Integer> never = new ReplyFuture<>(Runnable::run, new BusyWait(SPIN, 1));

		long started = System.nanoTime();
		assertThatThrownBy(() -> never.get(20, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
		assertThat(System.nanoTime() - started).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(20));
		// Shorter than the spin: the spin stops at the timeout.
		assertThatThrownBy(() -> never.get(100, TimeUnit.MICROSECONDS)).isInstanceOf(TimeoutException.class);
	}

	@Test
	void aFailedAskFailsItsSpinningCallerAsWithoutSpinning() {
		ReplyFuture<Integer> reply = new ReplyFuture<>(Runnable::run, new BusyWait(SPIN, 1));
		reply.completeExceptionally(new AskTimeoutException("no reply"));

		assertThatThrownBy(reply::join).isInstanceOf(CompletionException.class)
			.cause()
			.isInstanceOf(AskTimeoutException.class);
	}
}
