package io.casty.benchmarks.load;

import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * How many points each entity must have: every workload counts here each point it sends, so
 * the totals the system reports can be checked against it.
 */
public final class Ledger {

	private final AtomicIntegerArray expected;

	public Ledger(int entities) {
		this.expected = new AtomicIntegerArray(entities);
	}

	int entities() {
		return expected.length();
	}

	/** Counts one point sent to {@code entity}; returns the total it must reach with it. */
	int add(int entity) {
		return expected.incrementAndGet(entity);
	}

	/** The total {@code entity} must have once everything sent to it was applied. */
	int expected(int entity) {
		return expected.get(entity);
	}

	/** Every point sent so far. */
	public long sum() {
		long sum = 0;
		for (int i = 0; i < expected.length(); i++) {
			sum += expected.get(i);
		}
		return sum;
	}
}
