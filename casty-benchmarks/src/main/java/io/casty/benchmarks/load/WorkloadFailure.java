package io.casty.benchmarks.load;

/** A workload that cannot report a number; carries the {@link Failure} to report instead. */
public final class WorkloadFailure extends Exception {

	private final String workload;

	public WorkloadFailure(String workload, String reason) {
		super(reason);
		this.workload = workload;
	}

	public Failure failure() {
		return new Failure(workload, getMessage());
	}
}
