package io.casty.benchmarks.load;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Recorder;

/**
 * A fixed number of asks in flight: each lane sends its next ask from the callback of its
 * previous one, on whatever thread the system completes replies on, so the harness adds no
 * thread hop of its own. Totals are checked afterwards rather than per reply: two lanes may
 * meet at the same entity.
 */
public final class PipelinedAsk {

	public static final String WORKLOAD = "pipelined-ask";

	private final Target target;

	private final Ledger ledger;

	private final int inFlight;

	private final Duration askTimeout;

	public PipelinedAsk(Target target, Ledger ledger, LoadSettings settings) {
		this.target = target;
		this.ledger = ledger;
		this.inFlight = settings.inFlight();
		this.askTimeout = settings.askTimeout();
	}

	public Measurement run(Duration length) throws WorkloadFailure, InterruptedException {
		Run run = new Run(System.nanoTime() + length.toNanos());
		long start = System.nanoTime();
		for (int lane = 0; lane < inFlight; lane++) {
			run.sendNext();
		}
		if (!run.lanesDone.await(length.plus(askTimeout).toNanos(), TimeUnit.NANOSECONDS)) {
			throw new WorkloadFailure(WORKLOAD, run.lanesDone.getCount() + " asks unanswered after "
					+ askTimeout.toMillis() + " ms");
		}
		long nanos = System.nanoTime() - start;
		if (run.error.get() != null) {
			throw new WorkloadFailure(WORKLOAD, "an ask failed: " + run.error.get());
		}
		return new Measurement(run.completed.get(), nanos, run.latencies.getIntervalHistogram());
	}

	private final class Run {

		final long deadline;

		final Recorder latencies = new Recorder(3);

		final AtomicInteger next = new AtomicInteger();

		final AtomicLong completed = new AtomicLong();

		final CountDownLatch lanesDone = new CountDownLatch(inFlight);

		final AtomicReference<Throwable> error = new AtomicReference<>();

		Run(long deadline) {
			this.deadline = deadline;
		}

		/**
		 * Keeps one lane busy until the deadline. Replies that are already there when the ask
		 * returns are handled in this loop rather than in a callback, so a system (or a test
		 * double) that answers at once cannot grow the stack.
		 */
		void sendNext() {
			while (true) {
				long sent = System.nanoTime();
				if (sent >= deadline || error.get() != null) {
					lanesDone.countDown();
					return;
				}
				int entity = Math.floorMod(next.getAndIncrement(), ledger.entities());
				ledger.add(entity);
				CompletableFuture<Integer> reply;
				try {
					reply = target.addAndGet(entity).toCompletableFuture();
				}
				catch (RuntimeException ex) {
					fail(ex);
					return;
				}
				if (!reply.isDone()) {
					reply.whenComplete((total, failure) -> {
						if (completed(sent, failure)) {
							sendNext();
						}
					});
					return;
				}
				if (!completed(sent, failureOf(reply))) {
					return;
				}
			}
		}

		/**
		 * What a completed reply failed with, or null; read in place, where a {@code handle}
		 * stage would hop through the system's callback executor first.
		 */
		private static Throwable failureOf(CompletableFuture<Integer> done) {
			try {
				done.join();
				return null;
			}
			catch (CompletionException | CancellationException ex) {
				return ex.getCause() != null ? ex.getCause() : ex;
			}
		}

		/** Records a reply; returns whether the lane goes on. */
		private boolean completed(long sent, Throwable failure) {
			if (failure != null) {
				fail(failure);
				return false;
			}
			latencies.recordValue(System.nanoTime() - sent);
			completed.incrementAndGet();
			return true;
		}

		private void fail(Throwable failure) {
			error.compareAndSet(null, failure);
			lanesDone.countDown();
		}
	}
}
