package io.casty.benchmarks.load;

import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * What one measured workload did: operations, the time they took, and (for asks) the
 * latency of each, in nanoseconds.
 *
 * @param operations operations completed
 * @param nanos from the first operation's start to the last one's completion
 * @param latencies per-operation latency, or {@code null} when not recorded (tells)
 */
public record Measurement(long operations, long nanos, Histogram latencies) {

	public double opsPerSecond() {
		return operations * 1e9 / nanos;
	}

	/** The workload's figures: p50, p99 and p99.9 in µs when latencies were recorded, and ops/s. */
	public List<Figure> figures(String workload) {
		List<Figure> figures = new ArrayList<>();
		if (latencies != null) {
			figures.add(new Figure(workload, "p50", micros(50), "us"));
			figures.add(new Figure(workload, "p99", micros(99), "us"));
			figures.add(new Figure(workload, "p99.9", micros(99.9), "us"));
		}
		figures.add(new Figure(workload, "ops/s", opsPerSecond(), "ops/s"));
		return figures;
	}

	private double micros(double percentile) {
		return latencies.getValueAtPercentile(percentile) / 1_000.0;
	}
}
