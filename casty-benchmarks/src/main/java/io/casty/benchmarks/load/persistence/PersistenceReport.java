package io.casty.benchmarks.load.persistence;

import io.casty.benchmarks.load.Figure;
import io.casty.benchmarks.load.Results;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The end of a persistence run: each database's persisted events/s over its ceiling's rows/s,
 * then the targets, met or missed. A target whose figures are missing (a part failed, or
 * PostgreSQL was skipped) is printed as not measured, never guessed.
 */
final class PersistenceReport {

	/** Persisted events/s, at least this share of the ceiling's rows/s. */
	private static final double CEILING_SHARE = 0.5;

	private static final double POSTGRES_EVENTS_PER_SECOND = 20_000;

	/** A fresh incarnation of an entity of {@value #RECOVERY_EVENTS} events, with snapshots, answers within this. */
	private static final double RECOVERY_MICROS = 100_000;

	private static final int RECOVERY_EVENTS = 10_000;

	private static final String PERSISTED = PersistedAsks.WORKLOAD + " ops/s";

	private static final String CEILING = PlainInserts.WORKLOAD + " ops/s";

	private static final String FULL_BATCHES = PlainInserts.FULL_BATCHES + " ops/s";

	private static final String FULL_BATCH_SIZE = PlainInserts.FULL_BATCHES + " rows/batch";

	private static final String BATCH = JournalCommits.WORKLOAD + " events/commit";

	private static final String RECOVERY = RecoveryTimes.WITH_SNAPSHOTS + " median";

	private final Map<String, Results> byDatabase;

	private final int recoveryEvents;

	/**
	 * @param byDatabase the results of every database that ran, by name
	 * @param recoveryEvents the events of the entity whose recovery was timed
	 */
	PersistenceReport(Map<String, Results> byDatabase, int recoveryEvents) {
		this.byDatabase = byDatabase;
		this.recoveryEvents = recoveryEvents;
	}

	void print(PrintStream out) {
		out.println();
		out.println("── Persisted events/s over the ceiling's rows/s (same database, same run) ──");
		byDatabase.forEach((database, results) -> out.println(String.format(Locale.ROOT,
				"%-11s persisted %14s   ceiling %14s in batches of %s   %s   (batches of %s: %s)", database,
				formatted(results, PERSISTED), formatted(results, CEILING), results.figure(BATCH)
					.map((batch) -> String.format(Locale.ROOT, "%.1f events", batch.value()))
					.orElse("-"), ratio(results).map(PersistenceReport::times).orElse("-"), formatted(results, FULL_BATCH_SIZE),
				formatted(results, FULL_BATCHES))));
		out.println();
		out.println("── Targets ──");
		int met = 0;
		int targets = 0;
		for (Map.Entry<String, Results> database : byDatabase.entrySet()) {
			Optional<Double> ratio = ratio(database.getValue());
			met += target(out, "persisted / ceiling >= 0.50", database.getKey(), ratio.map(PersistenceReport::times),
					ratio.map((value) -> value >= CEILING_SHARE)) ? 1 : 0;
			targets++;
		}
		Optional<Figure> postgres = Optional.ofNullable(byDatabase.get(BenchmarkDatabase.POSTGRESQL))
			.flatMap((results) -> results.figure(PERSISTED));
		met += target(out, "persisted events/s >= 20,000", BenchmarkDatabase.POSTGRESQL,
				postgres.map(Figure::formattedValue), postgres.map((figure) -> figure.value() >= POSTGRES_EVENTS_PER_SECOND))
						? 1 : 0;
		targets++;
		for (Map.Entry<String, Results> database : byDatabase.entrySet()) {
			// The target is of a 10,000-event entity; another length says nothing about it.
			Optional<Figure> recovery = (recoveryEvents == RECOVERY_EVENTS) ? database.getValue().figure(RECOVERY)
					: Optional.empty();
			met += target(out, "recovery, 10,000 events, snapshots < 100 ms", database.getKey(),
					recovery.map(Figure::formattedValue), recovery.map((figure) -> figure.value() < RECOVERY_MICROS)) ? 1 : 0;
			targets++;
		}
		out.println("targets met: " + met + " of " + targets);
	}

	/** @return whether the target was met */
	private static boolean target(PrintStream out, String target, String database, Optional<String> value,
			Optional<Boolean> met) {
		String verdict = met.map((yes) -> yes ? "MET" : "MISSED").orElse("NOT MEASURED");
		out.println(String.format(Locale.ROOT, "target %-45s %-11s %14s   %s", target, database, value.orElse("-"),
				verdict));
		return met.orElse(false);
	}

	private static Optional<Double> ratio(Results results) {
		return results.figure(PERSISTED)
			.flatMap((persisted) -> results.figure(CEILING)
				.filter((ceiling) -> ceiling.value() > 0)
				.map((ceiling) -> persisted.value() / ceiling.value()));
	}

	private static String formatted(Results results, String key) {
		return results.figure(key).map(Figure::formattedValue).orElse("missing");
	}

	private static String times(double ratio) {
		return String.format(Locale.ROOT, "%.2fx", ratio);
	}
}
