package io.casty.benchmarks.load.scale;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/** The heap of this JVM in use: right now, or once the garbage is collected. */
final class HeapUsage {

	/** Full collections per reading: the least of a few is the closest to what live objects hold. */
	private static final int COLLECTIONS = 3;

	private HeapUsage() {
	}

	/** Bytes of heap in use now, garbage included. */
	static long now() {
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

	/**
	 * Bytes of heap in use after a full collection: what live objects hold. Other threads keep
	 * allocating between a collection and its reading, so this is the least of a few readings.
	 */
	static long afterGc() {
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		long least = Long.MAX_VALUE;
		for (int i = 0; i < COLLECTIONS; i++) {
			memory.gc();
			least = Math.min(least, memory.getHeapMemoryUsage().getUsed());
		}
		return least;
	}

	/** Bytes as mebibytes, for figures. */
	static double mebibytes(long bytes) {
		return bytes / (1024.0 * 1024.0);
	}
}
