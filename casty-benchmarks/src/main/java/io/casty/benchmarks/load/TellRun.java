package io.casty.benchmarks.load;

import java.time.Duration;

/**
 * Fire-and-forget throughput: sends {@code count} tells as fast as the client takes them, then
 * reads every entity's total until all of them were applied. The figure is tells applied per
 * second, from the first send to the moment the totals matched; a run whose totals never add
 * up is a {@link Failure}.
 */
final class TellRun {

	static final String WORKLOAD = "tell";

	private final Target target;

	private final Ledger ledger;

	private final TotalsCheck totals;

	private final Duration timeout;

	TellRun(Target target, Ledger ledger, TotalsCheck totals, LoadSettings settings) {
		this.target = target;
		this.ledger = ledger;
		this.totals = totals;
		this.timeout = settings.tellTimeout();
	}

	Measurement run(int count) throws WorkloadFailure, InterruptedException {
		int entities = ledger.entities();
		long start = System.nanoTime();
		int entity = 0;
		for (int i = 0; i < count; i++) {
			try {
				target.add(entity);
			}
			catch (RuntimeException ex) {
				throw new WorkloadFailure(WORKLOAD, "tell " + (i + 1) + " of " + count + " was refused: " + ex);
			}
			ledger.add(entity);
			entity = entity + 1 == entities ? 0 : entity + 1;
		}
		totals.awaitMatch(WORKLOAD, timeout);
		return new Measurement(count, System.nanoTime() - start, null);
	}
}
