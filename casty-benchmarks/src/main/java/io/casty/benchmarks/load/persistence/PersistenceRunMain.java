package io.casty.benchmarks.load.persistence;

import io.casty.benchmarks.load.Failure;
import io.casty.benchmarks.load.LoadSettings;
import io.casty.benchmarks.load.Results;
import io.casty.benchmarks.load.WorkloadFailure;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;

/**
 * One database's part of the persistence benchmark, in a JVM of its own: the persisted asks,
 * then the ceiling at their batch size and in batches of every ask in flight, then the
 * recoveries. Prints a line saying what the database is, then each figure or failure as a line
 * for the harness ({@link Results#printingLines}).
 *
 * <p>Arguments: {@code <database> [--name=value ...]} ({@link PersistenceSettings}), where the
 * database is one of {@link BenchmarkDatabase#ALL}.
 */
public final class PersistenceRunMain {

	/** Starts the line that says what the database is. */
	static final String DATABASE = "DATABASE ";

	private PersistenceRunMain() {
	}

	public static void main(String[] args) {
		PersistenceSettings settings = PersistenceSettings.DEFAULTS.with(List.of(args).subList(1, args.length));
		run(args[0], settings, Results.printingLines(System.out), System.out);
	}

	/** Opens the database, emptied, runs every part against it and closes it; what failed goes to {@code results}. */
	static void run(String database, PersistenceSettings settings, Results results, PrintStream out) {
		try (BenchmarkDatabase opened = BenchmarkDatabase.open(database)) {
			out.println(DATABASE + opened.describe());
			out.flush();
			run(opened.dataSource(), settings, results);
		}
		catch (Exception ex) {
			results.add(new Failure("database", ex.toString()));
		}
	}

	private static void run(DataSource dataSource, PersistenceSettings settings, Results results) {
		// The ceiling copies the asks' batch size and their events' bytes, so it needs them first.
		try {
			LoadSettings load = settings.load();
			double eventsPerCommit = new PersistedAsks(dataSource, load).run(results);
			PlainInserts inserts = new PlainInserts(dataSource, load.entities());
			inserts.run(PlainInserts.WORKLOAD, (int) Math.max(1, Math.round(eventsPerCommit)), load.warmup(),
					load.duration(), results);
			// The same loop, compiled by now: no warm-up.
			inserts.run(PlainInserts.FULL_BATCHES, load.inFlight(), Duration.ZERO, load.duration(), results);
		}
		catch (WorkloadFailure ex) {
			results.add(ex.failure());
		}
		catch (Exception ex) {
			results.add(new Failure(PersistedAsks.WORKLOAD, ex.toString()));
		}
		try {
			new RecoveryTimes(dataSource, settings).run(results);
		}
		catch (WorkloadFailure ex) {
			results.add(ex.failure());
		}
		catch (Exception ex) {
			results.add(new Failure("recovery", ex.toString()));
		}
	}
}
