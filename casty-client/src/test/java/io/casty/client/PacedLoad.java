package io.casty.client;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Runs one batch of requests every period on a thread of its own, until stopped. */
final class PacedLoad {

	private final ScheduledExecutorService scheduler;

	PacedLoad(String name, Duration period, Runnable batch) {
		this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> new Thread(runnable, name));
		scheduler.scheduleAtFixedRate(batch, 0, period.toMillis(), TimeUnit.MILLISECONDS);
	}

	/** Stops sending; returns once the batch running now, if any, finished. */
	void stop() throws InterruptedException {
		scheduler.shutdown();
		if (!scheduler.awaitTermination(30, TimeUnit.SECONDS)) {
			throw new IllegalStateException("the load did not stop within 30 s");
		}
	}
}
