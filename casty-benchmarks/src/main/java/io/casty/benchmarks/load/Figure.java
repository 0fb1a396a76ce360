package io.casty.benchmarks.load;

import java.util.Locale;

/**
 * One measured number: a workload's metric in a unit ({@code sequential-ask p50 85.2 us}).
 *
 * @param workload {@code sequential-ask}, {@code pipelined-ask} or {@code tell}
 * @param metric {@code p50}, {@code p99}, {@code p99.9} or {@code ops/s}
 * @param value the number
 * @param unit {@code us} for latencies, {@code ops/s} for throughput
 */
public record Figure(String workload, String metric, double value, String unit) {

	static final String PREFIX = "FIGURE";

	/** Whether a bigger value is better (throughput) rather than worse (latency). */
	public boolean higherIsBetter() {
		return unit.equals("ops/s");
	}

	/** {@code workload metric}, the key that matches the same figure of two systems. */
	public String key() {
		return workload + " " + metric;
	}

	/** The line a client JVM prints for the harness. */
	String toLine() {
		return PREFIX + " " + workload + " " + metric + " " + String.format(Locale.ROOT, "%.3f", value) + " " + unit;
	}

	/** Reads a line printed by {@link #toLine()}. */
	static Figure parse(String line) {
		String[] parts = line.split(" ");
		if (parts.length != 5 || !parts[0].equals(PREFIX)) {
			throw new IllegalArgumentException("not a figure line: " + line);
		}
		return new Figure(parts[1], parts[2], Double.parseDouble(parts[3]), parts[4]);
	}

	/** The value as people read it: µs with one decimal, ops/s as a whole number. */
	public String formattedValue() {
		return higherIsBetter() ? String.format(Locale.ROOT, "%,.0f ops/s", value)
				: String.format(Locale.ROOT, "%,.1f µs", value);
	}
}
