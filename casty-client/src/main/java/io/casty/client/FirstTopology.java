package io.casty.client;

import io.casty.topology.TopologySnapshot;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * A client's first topology, and waiting for it. The wait ends when it arrives, at once when
 * every contact point refused the client's system name on its latest attempt (none can come
 * until that is fixed), or at the timeout, saying why none came.
 */
final class FirstTopology {

	private final CompletableFuture<TopologySnapshot> first = new CompletableFuture<>();

	private final SystemNameRefusals systemNameRefusals;

	private final Supplier<String> unavailableReason;

	/**
	 * @param systemNameRefusals tells when every contact point refused the system name
	 * @param unavailableReason why the client is not connected, for the timeout's message
	 */
	FirstTopology(SystemNameRefusals systemNameRefusals, Supplier<String> unavailableReason) {
		this.systemNameRefusals = systemNameRefusals;
		this.unavailableReason = unavailableReason;
	}

	/** A topology arrived; the first one ends the waits. */
	void arrived(TopologySnapshot snapshot) {
		first.complete(snapshot);
	}

	/** See {@link ClusterClient#awaitTopology(Duration)}. */
	TopologySnapshot await(Duration timeout) {
		try {
			Object firstOutcome = CompletableFuture.anyOf(first, systemNameRefusals.everyContactPointRefused())
				.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
			if (firstOutcome instanceof SystemNameRefusedException refused) {
				// A new one, with the caller's stack rather than a network thread's.
				throw new SystemNameRefusedException(refused.systemName(), refused.nodeSystemNames());
			}
			return (TopologySnapshot) firstOutcome;
		}
		catch (TimeoutException ex) {
			throw new ClusterUnavailableException("No topology within " + timeout.toMillis() + " ms: "
					+ unavailableReason.get());
		}
		catch (ExecutionException ex) {
			throw new ClusterUnavailableException("No topology: " + ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ClusterUnavailableException("Interrupted while waiting for the topology");
		}
	}
}
