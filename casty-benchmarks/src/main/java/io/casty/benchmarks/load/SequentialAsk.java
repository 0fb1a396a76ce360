package io.casty.benchmarks.load;

import java.time.Duration;
import org.HdrHistogram.Histogram;

/**
 * One caller, one ask at a time, each waited for before the next: the latency a request
 * handler sees. Every reply must be the entity's exact new total.
 */
final class SequentialAsk {

	static final String WORKLOAD = "sequential-ask";

	private final Target target;

	private final Ledger ledger;

	private final Duration askTimeout;

	SequentialAsk(Target target, Ledger ledger, LoadSettings settings) {
		this.target = target;
		this.ledger = ledger;
		this.askTimeout = settings.askTimeout();
	}

	Measurement run(Duration length) throws WorkloadFailure, InterruptedException {
		Histogram latencies = new Histogram(3);
		long start = System.nanoTime();
		long end = start + length.toNanos();
		long now = start;
		long operations = 0;
		int entity = 0;
		while (now < end) {
			int expected = ledger.add(entity);
			int total = Replies.await(target.addAndGet(entity), askTimeout, WORKLOAD);
			long done = System.nanoTime();
			latencies.recordValue(done - now);
			now = done;
			if (total != expected) {
				throw new WorkloadFailure(WORKLOAD, "entity " + entity + " replied " + total + ", expected " + expected);
			}
			operations++;
			entity = entity + 1 == ledger.entities() ? 0 : entity + 1;
		}
		return new Measurement(operations, now - start, latencies);
	}
}
