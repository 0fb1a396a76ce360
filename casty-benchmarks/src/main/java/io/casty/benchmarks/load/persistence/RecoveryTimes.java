package io.casty.benchmarks.load.persistence;

import io.casty.actor.ActorRef;
import io.casty.actor.ActorSystem;
import io.casty.benchmarks.load.Figure;
import io.casty.benchmarks.load.Replies;
import io.casty.benchmarks.load.Results;
import io.casty.benchmarks.load.WorkloadFailure;
import io.casty.benchmarks.points.PointsAccount.AddAndGet;
import io.casty.benchmarks.points.PointsAccount.Command;
import io.casty.benchmarks.points.PointsAccount.GetPoints;
import io.casty.persistence.Persistence;
import io.casty.persistence.PersistenceListener;
import io.casty.persistence.jdbc.JdbcJournal;
import io.casty.persistence.journal.Journal;
import io.casty.persistence.journal.RecoveryData;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * How long an entity with a long history takes to come back: from spawning a fresh incarnation
 * to its answer to a first command (a {@link GetPoints}, which waits for the recovery), the
 * median of several incarnations after two untimed ones. Once with a snapshot every 100 events
 * (the default) and once without snapshots, replaying every event.
 *
 * <p>Each history is written once, quickly: its first event by the entity itself (so the journal
 * holds an event's real bytes), then copies of those bytes appended to the journal directly
 * (every event is {@code Added(1)}), then the last event by an incarnation that recovered all
 * the others, which, with snapshots on, takes its snapshot there as the entity would have.
 */
final class RecoveryTimes {

	static final String WITH_SNAPSHOTS = "recovery-snap";

	static final String WITHOUT_SNAPSHOTS = "recovery-nosnap";

	/** Incarnations recovered before the timed ones, so that those run compiled code. */
	private static final int UNTIMED_RUNS = 2;

	private final DataSource dataSource;

	private final PersistenceSettings settings;

	private final Duration timeout;

	RecoveryTimes(DataSource dataSource, PersistenceSettings settings) {
		this.dataSource = dataSource;
		this.settings = settings;
		this.timeout = settings.load().askTimeout();
	}

	/** Times both variants; their figures go to {@code results}. */
	void run(Results results) throws Exception {
		try (JdbcJournal journal = JdbcJournal.builder(dataSource).build();
				ActorSystem system = ActorSystem.create("recovery-benchmark")) {
			new Variant(WITH_SNAPSHOTS, Persistence.DEFAULT_SNAPSHOT_EVERY, journal, system).run(results);
			new Variant(WITHOUT_SNAPSHOTS, 0, journal, system).run(results);
		}
	}

	/** One entity, its history, and its timed incarnations. */
	private final class Variant implements PersistenceListener {

		private final String workload;

		private final String persistenceId;

		private final boolean snapshots;

		private final Journal journal;

		private final ActorSystem system;

		private final Persistence persistence;

		private volatile int lastReplayed;

		private int incarnations;

		Variant(String workload, int snapshotEvery, Journal journal, ActorSystem system) {
			this.workload = workload;
			this.persistenceId = workload + "|account";
			this.snapshots = snapshotEvery > 0;
			this.journal = journal;
			this.system = system;
			this.persistence = Persistence.builder(journal, PersistentAccount.REGISTRY)
				.snapshotEvery(snapshotEvery)
				.listener(this)
				.build();
		}

		@Override
		public void recovered(String persistenceId, Duration took, int eventsReplayed, boolean fromSnapshot) {
			lastReplayed = eventsReplayed;
		}

		void run(Results results) throws Exception {
			writeHistory();
			int events = settings.recoveryEvents();
			long[] nanos = new long[settings.recoveryRuns()];
			for (int run = -UNTIMED_RUNS; run < nanos.length; run++) {
				long start = System.nanoTime();
				ActorRef<Command> fresh = incarnation();
				int total = Replies.await(system.ask(fresh, GetPoints::new, timeout), timeout, workload);
				long took = System.nanoTime() - start;
				expect(total, events);
				if (run >= 0) {
					nanos[run] = took;
				}
			}
			Arrays.sort(nanos);
			results.add(new Figure(workload, "median", micros(median(nanos)), "us"));
			results.add(new Figure(workload, "min", micros(nanos[0]), "us"));
			results.add(new Figure(workload, "max", micros(nanos[nanos.length - 1]), "us"));
			results.add(new Figure(workload, "replayed", lastReplayed, "events"));
		}

		private void writeHistory() throws Exception {
			int events = settings.recoveryEvents();
			expect(Replies.await(addOne(incarnation()), timeout, workload), 1);
			byte[] event = Replies.await(journal.recover(persistenceId), timeout, workload).events().get(0).payload();
			journal.append(persistenceId, 2, Collections.nCopies(events - 2, event)).get(timeout.toNanos(),
					TimeUnit.NANOSECONDS);
			expect(Replies.await(addOne(incarnation()), timeout, workload), events);
			if (snapshots) {
				awaitSnapshot();
			}
		}

		/** The snapshot is saved after the reply, in the background: the timed runs must find it. */
		private void awaitSnapshot() throws WorkloadFailure, InterruptedException {
			long deadline = System.nanoTime() + timeout.toNanos();
			while (true) {
				RecoveryData data = Replies.await(journal.recover(persistenceId), timeout, workload);
				if (data.snapshot().isPresent()) {
					return;
				}
				if (System.nanoTime() > deadline) {
					throw new WorkloadFailure(workload, "no snapshot saved within " + timeout.toMillis() + " ms");
				}
				Thread.sleep(10);
			}
		}

		private ActorRef<Command> incarnation() {
			return system.spawn(persistence.behavior(persistenceId, new PersistentAccount()), workload + "-" + ++incarnations);
		}

		private CompletableFuture<Integer> addOne(ActorRef<Command> account) {
			return system.ask(account, (ActorRef<Integer> replyTo) -> new AddAndGet(1, replyTo), timeout);
		}

		private void expect(int total, int expected) throws WorkloadFailure {
			if (total != expected) {
				throw new WorkloadFailure(workload, "an incarnation answered " + total + ", expected " + expected);
			}
		}
	}

	private static long median(long[] sorted) {
		int middle = sorted.length / 2;
		return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
	}

	private static double micros(long nanos) {
		return nanos / 1_000.0;
	}
}
