package io.casty.benchmarks.load.persistence;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/**
 * The CPU time this JVM has used, all threads together. The database server shares the
 * machine's cores with it, so CPU per operation says how much of them the JVM's side of a
 * persisted event takes, against a plain row's.
 */
final class ProcessCpu {

	private ProcessCpu() {
	}

	/** Nanoseconds of CPU used by the JVM so far, or -1 where the JVM does not tell. */
	static long nanos() {
		OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
		return (os instanceof com.sun.management.OperatingSystemMXBean hotspot) ? hotspot.getProcessCpuTime() : -1;
	}

	/** Microseconds of CPU per operation between two readings of {@link #nanos}. */
	static double microsPer(long operations, long before, long after) {
		return (before < 0 || operations == 0) ? 0 : (after - before) / 1_000.0 / operations;
	}
}
