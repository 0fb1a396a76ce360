package io.casty.benchmarks.load.scale;

import io.casty.benchmarks.load.Figure;
import io.casty.benchmarks.load.Replies;
import io.casty.benchmarks.load.Results;
import io.casty.benchmarks.load.Target;
import io.casty.benchmarks.load.WorkloadFailure;
import io.casty.benchmarks.load.scale.NodeProbe.NodeStats;
import io.casty.benchmarks.points.PointsAccount;
import io.casty.client.ClusterClient;
import java.time.Duration;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Heap per live entity on a node, from the client's JVM: the node's heap after a full
 * collection, then one point told to each of a million distinct accounts, a batch at a time,
 * each batch waited for until the node runs every entity told so far; then the heap after a
 * full collection again. The difference divided by the entities is the figure. Afterwards a
 * random sample of the accounts must each hold exactly the one point.
 */
final class LiveEntities {

	static final String WORKLOAD = "live-entities";

	/**
	 * Tells sent before waiting for the node to catch up: the figure is what running entities
	 * hold, not what a million messages queued at once would.
	 */
	private static final int BATCH = 100_000;

	/** A full collection of a full heap on a busy machine may take seconds. */
	static final Duration PROBE_TIMEOUT = Duration.ofSeconds(60);

	private static final long POLL_PAUSE_MILLIS = 100;

	private final ClusterClient client;

	private final Target accounts;

	private final ScaleSettings settings;

	/** What the node said last, if anything. */
	private NodeStats last;

	/**
	 * @param accounts the accounts {@code 0} to {@code liveEntities - 1}
	 */
	LiveEntities(ClusterClient client, Target accounts, ScaleSettings settings) {
		this.client = client;
		this.accounts = accounts;
		this.settings = settings;
	}

	void run(Results results) throws InterruptedException {
		try {
			NodeStats before = measure(true);
			if (before.runningEntities() != 0) {
				throw new WorkloadFailure(WORKLOAD, before.runningEntities() + " entities ran before the first tell");
			}
			long deadline = System.nanoTime() + settings.entityTimeout().toNanos();
			int entities = settings.liveEntities();
			for (int sent = 0; sent < entities;) {
				int batchEnd = Math.min(entities, sent + BATCH);
				for (; sent < batchEnd; sent++) {
					accounts.add(sent);
				}
				awaitRunning(batchEnd, deadline);
			}
			NodeStats after = measure(true);
			results.add(new Figure(WORKLOAD, "running", after.runningEntities(), "count"));
			results.add(new Figure(WORKLOAD, "heap-before", HeapUsage.mebibytes(before.heapUsedBytes()), "MiB"));
			results.add(new Figure(WORKLOAD, "heap-after", HeapUsage.mebibytes(after.heapUsedBytes()), "MiB"));
			results.add(new Figure(WORKLOAD, "bytes/entity",
					(after.heapUsedBytes() - before.heapUsedBytes()) / (double) after.runningEntities(), "B"));
			checkSample();
			results.add(new Figure(WORKLOAD, "checked", settings.sample(), "count"));
		}
		catch (WorkloadFailure ex) {
			results.add(ex.failure());
		}
	}

	private void awaitRunning(int expected, long deadline) throws WorkloadFailure, InterruptedException {
		while (true) {
			NodeStats stats = measure(false);
			if (stats.runningEntities() >= expected) {
				return;
			}
			if (System.nanoTime() > deadline) {
				throw new WorkloadFailure(WORKLOAD, String.format(Locale.ROOT,
						"%,d of %,d entities told were running after %d s, heap in use %.0f MiB",
						stats.runningEntities(), expected, settings.entityTimeout().toSeconds(),
						HeapUsage.mebibytes(stats.heapUsedBytes())));
			}
			Thread.sleep(POLL_PAUSE_MILLIS);
		}
	}

	private NodeStats measure(boolean collectGarbage) throws WorkloadFailure, InterruptedException {
		try {
			last = Replies.await(NodeProbe.measure(client, PointsAccount.SHARD_TYPE, collectGarbage, PROBE_TIMEOUT),
					PROBE_TIMEOUT, WORKLOAD);
			return last;
		}
		catch (WorkloadFailure ex) {
			// The node may have run out of heap: say how far it got.
			throw new WorkloadFailure(WORKLOAD, "the node stopped answering (" + ex.getMessage() + ")"
					+ (last == null ? "" : String.format(Locale.ROOT, "; last seen with %,d entities running and %.0f MiB of heap in use",
							last.runningEntities(), HeapUsage.mebibytes(last.heapUsedBytes()))));
		}
	}

	private void checkSample() throws WorkloadFailure, InterruptedException {
		SplittableRandom random = new SplittableRandom(6);
		Duration timeout = settings.load().askTimeout();
		for (int i = 0; i < settings.sample(); i++) {
			int entity = random.nextInt(settings.liveEntities());
			int total = Replies.await(accounts.total(entity, timeout), timeout, WORKLOAD);
			if (total != 1) {
				throw new WorkloadFailure(WORKLOAD, "entity " + entity + " has " + total + " points, expected 1");
			}
		}
	}
}
