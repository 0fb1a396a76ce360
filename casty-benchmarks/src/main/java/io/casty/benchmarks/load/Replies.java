package io.casty.benchmarks.load;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waits for one reply, turning every way it can fail into a {@link WorkloadFailure}. */
public final class Replies {

	private Replies() {
	}

	public static <T> T await(CompletionStage<T> reply, Duration timeout, String workload) throws WorkloadFailure,
			InterruptedException {
		try {
			T value = reply.toCompletableFuture().get(timeout.toNanos(), TimeUnit.NANOSECONDS);
			if (value == null) {
				throw new WorkloadFailure(workload, "an ask completed without a value");
			}
			return value;
		}
		catch (TimeoutException ex) {
			throw new WorkloadFailure(workload, "no reply within " + timeout.toMillis() + " ms");
		}
		catch (ExecutionException ex) {
			throw new WorkloadFailure(workload, "an ask failed: " + ex.getCause());
		}
	}
}
