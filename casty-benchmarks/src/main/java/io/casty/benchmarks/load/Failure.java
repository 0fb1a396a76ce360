package io.casty.benchmarks.load;

/**
 * A workload that produced no number: its asks failed, or the totals did not add up.
 *
 * @param workload the workload
 * @param reason what went wrong, with the counts that show it
 */
public record Failure(String workload, String reason) {

	static final String PREFIX = "FAILURE";

	String toLine() {
		return PREFIX + " " + workload + " " + reason.replace('\n', ' ');
	}

	static Failure parse(String line) {
		String[] parts = line.split(" ", 3);
		if (parts.length != 3 || !parts[0].equals(PREFIX)) {
			throw new IllegalArgumentException("not a failure line: " + line);
		}
		return new Failure(parts[1], parts[2]);
	}
}
