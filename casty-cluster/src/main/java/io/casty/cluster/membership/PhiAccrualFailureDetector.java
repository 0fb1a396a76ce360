package io.casty.cluster.membership;

import java.time.Duration;
import java.util.ArrayDeque;

/**
 * The phi accrual failure detector (Hayashibara et al.) for one monitored member.
 *
 * <p>It keeps the recent intervals between heartbeats and turns the time since the last one
 * into a suspicion level, phi: {@code -log10(P(a heartbeat arrives even later))}, with a normal
 * distribution fitted to the history and the mean stretched by the acceptable pause (a GC or a
 * slow network should not look like a crash). Phi grows smoothly with silence; the member is
 * suspected when it exceeds the threshold. Not thread-safe: one actor owns it.
 */
final class PhiAccrualFailureDetector {

	private static final int MAX_SAMPLES = 200;

	private final double threshold;

	private final long acceptablePauseNanos;

	private final long minStdDevNanos;

	private final ArrayDeque<Long> intervals = new ArrayDeque<>();

	private double sum;

	private double sumOfSquares;

	private long lastHeartbeatNanos;

	/**
	 * @param threshold phi above which the member is suspected (8 means a 1 in 10^8 chance that
	 *     a live member is suspected, under the fitted distribution)
	 * @param acceptablePause silence tolerated on top of the usual interval
	 * @param firstHeartbeatEstimate the interval assumed before any history exists (the
	 *     heartbeat interval)
	 * @param startNanos when monitoring starts; counts as the first heartbeat
	 */
	PhiAccrualFailureDetector(double threshold, Duration acceptablePause, Duration firstHeartbeatEstimate,
			long startNanos) {
		this.threshold = threshold;
		this.acceptablePauseNanos = acceptablePause.toNanos();
		long estimate = firstHeartbeatEstimate.toNanos();
		this.minStdDevNanos = Math.max(estimate / 10, 1);
		// Seed the history with a mean of the estimate and a standard deviation of a quarter of it.
		add(estimate - estimate / 4);
		add(estimate + estimate / 4);
		this.lastHeartbeatNanos = startNanos;
	}

	/**
	 * A heartbeat arrived. The interval since the one before joins the history, unless the
	 * member was suspected by now: that interval is the silence that made it so (a partition, a
	 * pause, a crash), not a usual one, and kept it would stretch the fitted distribution so that
	 * the next silence is noticed seconds later, for as long as the history remembers it.
	 */
	void heartbeat(long nowNanos) {
		long interval = nowNanos - lastHeartbeatNanos;
		boolean suspected = !isAvailable(nowNanos);
		lastHeartbeatNanos = nowNanos;
		if (interval > 0 && !suspected) {
			add(interval);
		}
	}

	private void add(long interval) {
		if (intervals.size() == MAX_SAMPLES) {
			long oldest = intervals.removeFirst();
			sum -= oldest;
			sumOfSquares -= (double) oldest * oldest;
		}
		intervals.addLast(interval);
		sum += interval;
		sumOfSquares += (double) interval * interval;
	}

	double phi(long nowNanos) {
		double elapsed = nowNanos - lastHeartbeatNanos;
		int count = intervals.size();
		double mean = sum / count;
		double variance = Math.max(0, sumOfSquares / count - mean * mean);
		double stdDev = Math.max(Math.sqrt(variance), minStdDevNanos);
		double y = (elapsed - (mean + acceptablePauseNanos)) / stdDev;
		// Logistic approximation of the normal CDF's tail (as Akka and Pekko use).
		double e = Math.exp(-y * (1.5976 + 0.070566 * y * y));
		if (elapsed > mean + acceptablePauseNanos) {
			return -Math.log10(e / (1.0 + e));
		}
		return -Math.log10(1.0 - 1.0 / (1.0 + e));
	}

	boolean isAvailable(long nowNanos) {
		return phi(nowNanos) < threshold;
	}
}
