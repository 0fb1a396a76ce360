package io.casty.benchmarks.load;

import java.util.Locale;

/**
 * One measured number: a workload's metric in a unit ({@code sequential-ask p50 85.2 us}).
 *
 * @param workload {@code sequential-ask}, {@code pipelined-ask}, {@code tell}, or a part of the
 *     memory and scale run ({@code live-entities}, {@code in-flight-asks}); no spaces
 * @param metric {@code p50}, {@code p99}, {@code p99.9}, {@code ops/s}, {@code bytes/entity}, …;
 *     no spaces
 * @param value the number
 * @param unit {@code us} for latencies, {@code ops/s} for throughput, {@code B} and {@code MiB}
 *     for memory, {@code count} for a number of things
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

	/** The value as people read it: µs and MiB with one decimal, the others as whole numbers. */
	public String formattedValue() {
		return switch (unit) {
			case "us" -> String.format(Locale.ROOT, "%,.1f µs", value);
			case "MiB" -> String.format(Locale.ROOT, "%,.1f MiB", value);
			case "count" -> String.format(Locale.ROOT, "%,.0f", value);
			default -> String.format(Locale.ROOT, "%,.0f %s", value, unit);
		};
	}
}
