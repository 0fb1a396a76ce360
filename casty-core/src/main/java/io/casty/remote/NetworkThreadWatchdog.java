package io.casty.remote;

import io.netty.util.concurrent.EventExecutor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warns when a network thread is stuck in one task: its connections are then neither read nor
 * written, so peers see it as slow or dead. On a node that runs actors on its network threads,
 * an actor whose handler blocks or computes for long is the usual cause; the warning shows where
 * the thread is, so the culprit is named rather than guessed.
 *
 * <p>Costs nothing on the message path: a few times per threshold, {@link #check} puts a
 * marker task on every network thread and looks whether the previous one ran. A thread whose
 * marker has waited longer than the threshold is reported once, with its stack, and again
 * (as back) when its marker finally runs.
 */
final class NetworkThreadWatchdog {

	private static final Logger logger = LoggerFactory.getLogger(NetworkThreadWatchdog.class);

	/** How often, per threshold, the threads are looked at: a stall is reported within 1.25 thresholds. */
	static final int CHECKS_PER_THRESHOLD = 4;

	private final long thresholdNanos;

	private final long intervalNanos;

	private final List<Watched> threads = new ArrayList<>();

	/** When {@link #check} last ran; only touched by the checking thread. */
	private long lastCheck;

	/** @param threshold how long a network thread may be stuck in one task before a warning */
	NetworkThreadWatchdog(Iterable<EventExecutor> networkThreads, Duration threshold) {
		this.thresholdNanos = threshold.toNanos();
		this.intervalNanos = checkInterval(threshold).toNanos();
		for (EventExecutor executor : networkThreads) {
			threads.add(new Watched(executor));
		}
	}

	/** How often {@link #check} should run. */
	static Duration checkInterval(Duration threshold) {
		return threshold.dividedBy(CHECKS_PER_THRESHOLD);
	}

	/** Looks at every network thread; called from a thread of its own, never a network thread. */
	void check() {
		check(System.nanoTime());
	}

	void check(long now) {
		boolean processStoodStill = lastCheck != 0 && now - lastCheck > 2 * intervalNanos;
		lastCheck = now;
		for (Watched thread : threads) {
			if (processStoodStill) {
				// This check came late: the whole process was paused (a long GC pause, SIGSTOP),
				// the network threads with it. Their markers start waiting again from now.
				thread.restartWaiting(now);
			}
			thread.check(now);
		}
	}

	private final class Watched {

		private final EventExecutor executor;

		/** The thread behind {@link #executor}, known once the executor ran its first task. */
		private volatile Thread thread;

		/** When the marker still waiting to run was queued; 0 when none waits. */
		private final AtomicLong markerQueuedAt = new AtomicLong();

		private volatile boolean reported;

		Watched(EventExecutor executor) {
			this.executor = executor;
			// Queued before any connection is registered there, so known before anything can hold it up.
			executor.execute(() -> thread = Thread.currentThread());
		}

		void check(long now) {
			long queuedAt = markerQueuedAt.get();
			if (queuedAt == 0) {
				queueMarker(now);
			}
			else if (!reported && now - queuedAt > thresholdNanos) {
				reported = true;
				reportStuck(now - queuedAt);
			}
		}

		void restartWaiting(long now) {
			long queuedAt = markerQueuedAt.get();
			if (queuedAt != 0 && !reported) {
				// Unless the marker ran meanwhile: then nothing waits.
				markerQueuedAt.compareAndSet(queuedAt, now);
			}
		}

		private void queueMarker(long now) {
			markerQueuedAt.set(now);
			try {
				executor.execute(() -> markerRan(now));
			}
			catch (RejectedExecutionException shuttingDown) {
				markerQueuedAt.set(0);
			}
		}

		private void markerRan(long queuedAt) {
			if (reported) {
				reported = false;
				logger.warn("Network thread {} is running tasks again, after {} ms", Thread.currentThread().getName(),
						(System.nanoTime() - queuedAt) / 1_000_000);
			}
			markerQueuedAt.set(0);
		}

		private void reportStuck(long stuckNanos) {
			Thread stuck = thread;
			String name = stuck != null ? stuck.getName() : executor.toString();
			StuckThread where = new StuckThread(name);
			if (stuck != null) {
				where.setStackTrace(stuck.getStackTrace());
			}
			logger.warn("Network thread {} has been busy with one task for more than {} ms, so its connections are "
					+ "neither read nor written. On a node, an actor whose handler blocks or computes for long is the "
					+ "usual cause (the stack below shows where the thread is): move that work off the actor, or run "
					+ "actors on the thread pool (casty.node.actors-on-network-threads=false)", name,
					stuckNanos / 1_000_000, where);
		}
	}

	/** Carries a stuck thread's stack into the log line; never thrown. */
	static final class StuckThread extends Exception {

		private static final long serialVersionUID = 1L;

		StuckThread(String threadName) {
			super("where " + threadName + " is");
		}
	}
}
