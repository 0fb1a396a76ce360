package io.casty.benchmarks.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What the figures were measured on, printed at the top of a run. */
public final class Machine {

	private Machine() {
	}

	public static List<String> describe() {
		return List.of("cpus: " + Runtime.getRuntime().availableProcessors() + " (" + firstValue("/proc/cpuinfo", "model name") + ")",
				"memory: " + firstValue("/proc/meminfo", "MemTotal"),
				"jdk: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
				"load average (1/5/15 min): " + loadAverage());
	}

	public static String loadAverage() {
		try {
			String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
			return parts[0] + " " + parts[1] + " " + parts[2];
		}
		catch (IOException | RuntimeException ex) {
			return "unknown";
		}
	}

	private static String firstValue(String file, String field) {
		try {
			return Files.readAllLines(Path.of(file)).stream()
				.filter(line -> line.startsWith(field))
				.map(line -> line.substring(line.indexOf(':') + 1).trim())
				.findFirst()
				.orElse("unknown");
		}
		catch (IOException ex) {
			return "unknown";
		}
	}
}
