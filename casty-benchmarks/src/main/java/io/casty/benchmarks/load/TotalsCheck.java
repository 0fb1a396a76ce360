package io.casty.benchmarks.load;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Asks every entity for its total and compares it with the {@link Ledger}. A run whose totals
 * do not add up reports a {@link Failure}, never a number: points missing after the deadline
 * were lost, points beyond the ledger were applied twice.
 */
public final class TotalsCheck {

	/** Pause between two reads of every total while tells are still being applied. */
	private static final long POLL_PAUSE_MILLIS = 20;

	private final Target target;

	private final Ledger ledger;

	private final int inFlight;

	private final Duration askTimeout;

	public TotalsCheck(Target target, Ledger ledger, LoadSettings settings) {
		this.target = target;
		this.ledger = ledger;
		this.inFlight = settings.inFlight();
		this.askTimeout = settings.askTimeout();
	}

	/** Checks the totals once: they must match the ledger now. */
	public void verify(String workload) throws WorkloadFailure, InterruptedException {
		Comparison comparison = readAll(workload, askTimeout);
		if (!comparison.matches()) {
			throw new WorkloadFailure(workload, comparison.describe());
		}
	}

	/**
	 * Reads the totals until they match the ledger, which is when the last point sent was
	 * applied (the caller times it).
	 */
	void awaitMatch(String workload, Duration timeout) throws WorkloadFailure, InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			// The first read waits behind whatever is still queued, so it may take up to the deadline.
			Duration remaining = Duration.ofNanos(Math.max(deadline - System.nanoTime(), askTimeout.toNanos()));
			Comparison comparison = readAll(workload, remaining);
			if (comparison.matches()) {
				return;
			}
			if (comparison.extra() > 0) {
				throw new WorkloadFailure(workload, comparison.describe());
			}
			if (System.nanoTime() > deadline) {
				throw new WorkloadFailure(workload, comparison.describe() + " after waiting " + timeout.toSeconds() + " s");
			}
			Thread.sleep(POLL_PAUSE_MILLIS);
		}
	}

	private Comparison readAll(String workload, Duration timeout) throws WorkloadFailure, InterruptedException {
		int entities = ledger.entities();
		int[] actual = new int[entities];
		Semaphore permits = new Semaphore(inFlight);
		AtomicReference<Throwable> error = new AtomicReference<>();
		for (int entity = 0; entity < entities && error.get() == null; entity++) {
			if (!permits.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
				throw new WorkloadFailure(workload, "reading totals: no reply within " + timeout.toMillis() + " ms");
			}
			int index = entity;
			target.total(entity, timeout).whenComplete((total, failure) -> {
				if (failure != null) {
					error.compareAndSet(null, failure);
				}
				else {
					actual[index] = total;
				}
				permits.release();
			});
		}
		if (!permits.tryAcquire(inFlight, timeout.toNanos(), TimeUnit.NANOSECONDS)) {
			throw new WorkloadFailure(workload, "reading totals: no reply within " + timeout.toMillis() + " ms");
		}
		if (error.get() != null) {
			throw new WorkloadFailure(workload, "reading totals failed: " + error.get());
		}
		return compare(actual);
	}

	private Comparison compare(int[] actual) {
		long missing = 0;
		long extra = 0;
		int firstWrong = -1;
		for (int entity = 0; entity < actual.length; entity++) {
			int expected = ledger.expected(entity);
			if (actual[entity] != expected && firstWrong < 0) {
				firstWrong = entity;
			}
			missing += Math.max(0, expected - actual[entity]);
			extra += Math.max(0, actual[entity] - expected);
		}
		return new Comparison(ledger.sum(), missing, extra, firstWrong,
				firstWrong < 0 ? 0 : actual[firstWrong], firstWrong < 0 ? 0 : ledger.expected(firstWrong));
	}

	private record Comparison(long sent, long missing, long extra, int firstWrong, int firstActual, int firstExpected) {

		boolean matches() {
			return missing == 0 && extra == 0;
		}

		String describe() {
			return "totals do not add up: " + missing + " of " + sent + " points missing, " + extra
					+ " applied twice (entity " + firstWrong + " has " + firstActual + ", expected " + firstExpected + ")";
		}
	}
}
