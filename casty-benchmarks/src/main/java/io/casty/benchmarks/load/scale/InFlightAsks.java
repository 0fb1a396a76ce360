package io.casty.benchmarks.load.scale;

import io.casty.benchmarks.load.Figure;
import io.casty.benchmarks.load.Replies;
import io.casty.benchmarks.load.Results;
import io.casty.benchmarks.load.WorkloadFailure;
import io.casty.benchmarks.load.scale.HeldReplies.Command;
import io.casty.benchmarks.load.scale.HeldReplies.CountHeld;
import io.casty.benchmarks.load.scale.HeldReplies.Hold;
import io.casty.benchmarks.load.scale.HeldReplies.ReleaseAll;
import io.casty.client.ClusterClient;
import io.casty.client.EntityRef;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The client's heap per ask in flight: its heap after a full collection, then that many asks
 * to {@link HeldReplies} entities, which keep them unanswered; once the node holds every one,
 * the heap after a full collection again. The difference divided by the asks is the figure.
 * Then the entities answer them all, every reply must arrive, and the heap is measured a third
 * time: what is left over is what the client keeps after its asks completed.
 */
final class InFlightAsks {

	static final String WORKLOAD = "in-flight-asks";

	/** The entities the asks are spread over. */
	private static final int HOLDERS = 100;

	/** Far longer than the asks are held, so that none times out meanwhile. */
	private static final Duration HOLD_TIMEOUT = Duration.ofMinutes(3);

	/**
	 * Asks held and released once before the heap is first measured, as a share of those
	 * measured, so that the client's pools and tables exist by then.
	 */
	private static final int WARM_UP_DIVISOR = 10;

	private final EntityRef<Command> holders;

	private final String[] ids = new String[HOLDERS];

	private final int asks;

	InFlightAsks(ClusterClient client, ScaleSettings settings) {
		this.holders = client.entityRef(HeldReplies.SHARD_TYPE, HeldReplies.NUM_SHARDS);
		this.asks = settings.pendingAsks();
		for (int i = 0; i < HOLDERS; i++) {
			ids[i] = "held-" + i;
		}
	}

	void run(Results results) throws InterruptedException {
		try {
			holdAndRelease(new CompletableFuture<?>[Math.max(1, asks / WARM_UP_DIVISOR)]);
			// The futures are what ask returns: the caller holds them, so they count. The array
			// that holds them here is allocated before the first reading, so it does not.
			CompletableFuture<?>[] replies = new CompletableFuture<?>[asks];
			long before = HeapUsage.afterGc();
			send(replies);
			awaitHeld(asks);
			long pending = HeapUsage.afterGc();
			release(replies);
			// Drop the completed futures too: what is left over is the client's own.
			replies = null;
			long after = HeapUsage.afterGc();
			results.add(new Figure(WORKLOAD, "pending", asks, "count"));
			results.add(new Figure(WORKLOAD, "heap-pending", HeapUsage.mebibytes(pending - before), "MiB"));
			results.add(new Figure(WORKLOAD, "bytes/ask", (pending - before) / (double) asks, "B"));
			results.add(new Figure(WORKLOAD, "heap-left", HeapUsage.mebibytes(after - before), "MiB"));
		}
		catch (WorkloadFailure ex) {
			results.add(ex.failure());
		}
	}

	private void holdAndRelease(CompletableFuture<?>[] replies) throws WorkloadFailure, InterruptedException {
		send(replies);
		awaitHeld(replies.length);
		release(replies);
	}

	private void send(CompletableFuture<?>[] replies) {
		for (int i = 0; i < replies.length; i++) {
			replies[i] = holders.<Integer>ask(ids[i % HOLDERS], Hold::new, HOLD_TIMEOUT);
		}
	}

	/**
	 * Waits until the entities hold {@code count} asks: then every ask left the client, and
	 * its connection's buffers hold none of them.
	 */
	private void awaitHeld(int count) throws WorkloadFailure, InterruptedException {
		long deadline = System.nanoTime() + HOLD_TIMEOUT.toNanos();
		while (true) {
			int held = 0;
			for (String id : ids) {
				held += Replies.await(holders.<Integer>ask(id, CountHeld::new, HOLD_TIMEOUT), HOLD_TIMEOUT, WORKLOAD);
			}
			if (held == count) {
				return;
			}
			if (System.nanoTime() > deadline) {
				throw new WorkloadFailure(WORKLOAD, "the node holds " + held + " asks of " + count + " sent");
			}
			Thread.sleep(100);
		}
	}

	private void release(CompletableFuture<?>[] replies) throws WorkloadFailure, InterruptedException {
		for (String id : ids) {
			holders.tell(id, ReleaseAll.INSTANCE);
		}
		for (CompletableFuture<?> reply : replies) {
			Replies.await(reply, HOLD_TIMEOUT, WORKLOAD);
		}
	}
}
