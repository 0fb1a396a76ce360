package io.casty.benchmarks.load;

/** A workload that cannot report a number; carries the {@link Failure} to report instead. */
final class WorkloadFailure extends Exception {

	private final String workload;

	WorkloadFailure(String workload, String reason) {
		super(reason);
		this.workload = workload;
	}

	Failure failure() {
		return new Failure(workload, getMessage());
	}
}
