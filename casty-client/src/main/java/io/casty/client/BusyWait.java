package io.casty.client;

import java.time.Duration;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * Lets a thread blocked on an ask's reply spin for it a little before it parks: the opt-in
 * {@link ClusterClient.Builder#askBusyWait askBusyWait}. A parked thread is woken by the network
 * thread that receives the reply, and on a virtual machine that wake-up alone is a good part of
 * a loopback round trip; a spinning thread sees the reply at once, at the price of the core it
 * spins on. So at most half the machine's cores (at least one) spin at a time, per client; other
 * waiters park at once, as they do when busy-waiting is off.
 */
final class BusyWait {

	/** The most that {@link ClusterClient.Builder#askBusyWait} accepts. */
	static final Duration MAX = Duration.ofMillis(1);

	/** Off: every waiter parks at once. */
	static final BusyWait OFF = new BusyWait(Duration.ZERO, 0);

	private final long spinNanos;

	private final int maxSpinners;

	/** One permit per thread that may spin at once. */
	private final Semaphore spins;

	/**
	 * @param spin how long one waiter may spin, at most {@link #MAX}
	 * @param maxSpinners how many waiters may spin at once
	 */
	BusyWait(Duration spin, int maxSpinners) {
		this.spinNanos = spin.toNanos();
		this.maxSpinners = maxSpinners;
		this.spins = new Semaphore(maxSpinners);
	}

	/** Busy-waiting for {@code spin}, with at most half the available cores spinning at once. */
	static BusyWait forCores(Duration spin) {
		return spin.isZero() ? OFF : new BusyWait(spin, Math.max(1, Runtime.getRuntime().availableProcessors() / 2));
	}

	/**
	 * Spins until {@code future} is done, the spin is over or {@code limitNanos} have passed,
	 * whichever comes first; returns at once when another waiter already holds every spin.
	 */
	void spinBriefly(Future<?> future, long limitNanos) {
		if (spinNanos == 0 || future.isDone() || !tryStartSpinning()) {
			return;
		}
		try {
			long end = System.nanoTime() + Math.min(spinNanos, limitNanos);
			while (!future.isDone() && System.nanoTime() - end < 0) {
				Thread.onSpinWait();
			}
		}
		finally {
			stopSpinning();
		}
	}

	/** Takes one of the spins, if one is free. */
	boolean tryStartSpinning() {
		return spins.tryAcquire();
	}

	void stopSpinning() {
		spins.release();
	}

	@Override
	public String toString() {
		return "at most " + maxSpinners + (maxSpinners == 1 ? " thread spins" : " threads spin") + " at once";
	}
}
