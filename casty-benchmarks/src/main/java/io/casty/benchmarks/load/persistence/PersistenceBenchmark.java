package io.casty.benchmarks.load.persistence;

import io.casty.benchmarks.load.Failure;
import io.casty.benchmarks.load.FigurePrinter;
import io.casty.benchmarks.load.JvmProcess;
import io.casty.benchmarks.load.LoadBenchmark;
import io.casty.benchmarks.load.LoadSettings;
import io.casty.benchmarks.load.Machine;
import io.casty.benchmarks.load.Results;
import io.casty.benchmarks.load.SystemRun;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Event-sourced entities on the JDBC journal, against the database's own ceiling, one database
 * after the other (H2 in file mode, then PostgreSQL when {@value BenchmarkDatabase#POSTGRES_URL_VARIABLE}
 * names one), each in a JVM of its own with the load generator's flags
 * ({@link PersistenceRunMain}):
 * <ul>
 * <li>{@value PersistedAsks#WORKLOAD}: 64 asks in flight, each persisting one event
 * ({@link PersistedAsks}), and what the journal's writer did meanwhile;
 * <li>{@value PlainInserts#WORKLOAD}: the same rows through plain batched JDBC inserts in batches
 * as large as the journal's, the ceiling; and {@value PlainInserts#FULL_BATCHES}, in batches of
 * every ask in flight ({@link PlainInserts});
 * <li>{@value RecoveryTimes#WITH_SNAPSHOTS} and {@value RecoveryTimes#WITHOUT_SNAPSHOTS}: a fresh
 * incarnation of an entity with 10,000 events, to its first answer ({@link RecoveryTimes}).
 * </ul>
 * Prints one line per figure, then the persisted rate over the ceiling and the targets.
 *
 * <pre>
 * java -cp casty-benchmarks-&lt;version&gt;.jar io.casty.benchmarks.load.persistence.PersistenceBenchmark
 * java -cp casty-benchmarks-&lt;version&gt;.jar io.casty.benchmarks.load.persistence.PersistenceBenchmark --databases=h2-file --duration=2s
 * </pre>
 *
 * Exits with status 1 when any part failed; missed targets are reported, not failed.
 */
public final class PersistenceBenchmark {

	/** The columns of a figure's line: the database, and the widest metric. */
	private static final int LABEL_WIDTH = 11;

	private static final int METRIC_WIDTH = 13;

	private PersistenceBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		List<String> arguments = Arrays.asList(args);
		if (arguments.contains("--help")) {
			usage(System.out);
			return;
		}
		Map<String, String> options = LoadSettings.options(arguments);
		List<String> databases = LoadSettings.choices(options, "databases", BenchmarkDatabase.ALL);
		PersistenceSettings settings = PersistenceSettings.DEFAULTS.with(arguments);
		Path logs = Optional.ofNullable(options.get("logs")).map(Path::of).orElseGet(LoadBenchmark::defaultLogs);

		PrintStream out = System.out;
		LoadSettings load = settings.load();
		out.println("── Casty persistence, " + ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME) + " ──");
		Machine.describe().forEach(out::println);
		out.println("jvm flags (one JVM per database, beside the database server): " + String.join(" ", SystemRun.JVM_FLAGS));
		out.println(String.format(Locale.ROOT, "persisted asks: %,d entities round-robin, %d in flight, warm-up %d ms and "
				+ "measurement %d ms, in-process on an ActorSystem; then the ceiling for as long; recovery: %,d events, "
				+ "median of %d incarnations", load.entities(), load.inFlight(), load.warmup().toMillis(),
				load.duration().toMillis(), settings.recoveryEvents(), settings.recoveryRuns()));
		out.println("logs: " + logs);
		out.println();

		Map<String, Results> byDatabase = new LinkedHashMap<>();
		for (String database : databases) {
			if (database.equals(BenchmarkDatabase.POSTGRESQL) && BenchmarkDatabase.postgresUrl().isEmpty()) {
				out.println(String.format(Locale.ROOT, "%-" + LABEL_WIDTH + "s SKIPPED: %s is not set "
						+ "(.ci/start-postgres starts a server and prints its URL)", database,
						BenchmarkDatabase.POSTGRES_URL_VARIABLE));
				continue;
			}
			byDatabase.put(database, run(database, settings, logs, out));
		}
		new PersistenceReport(byDatabase, settings.recoveryEvents()).print(out);
		out.println("load average at the end (1/5/15 min): " + Machine.loadAverage());
		if (byDatabase.values().stream().anyMatch((results) -> !results.failures().isEmpty())) {
			System.exit(1);
		}
	}

	/** Runs every part against one database in a JVM of its own; prints each figure as it comes. */
	private static Results run(String database, PersistenceSettings settings, Path logs, PrintStream out)
			throws InterruptedException {
		Results results = Results.notifying(new FigurePrinter(out, database, LABEL_WIDTH, METRIC_WIDTH));
		String name = "persistence-" + database;
		List<String> args = new ArrayList<>(List.of(database));
		args.addAll(settings.toArgs());
		Duration timeout = timeout(settings.load());
		try (JvmProcess jvm = JvmProcess.start(name, PersistenceRunMain.class, args, SystemRun.JVM_FLAGS, logs, (line) -> {
			if (line.startsWith(PersistenceRunMain.DATABASE)) {
				out.println(String.format(Locale.ROOT, "%-" + LABEL_WIDTH + "s %s", database,
						line.substring(PersistenceRunMain.DATABASE.length())));
			}
			else {
				results.addLine(line);
			}
		})) {
			if (!jvm.awaitExit(timeout)) {
				results.add(new Failure("run", "did not finish within " + timeout.toSeconds() + " s"));
			}
		}
		catch (IOException ex) {
			results.add(new Failure("run", "could not start: " + ex.getMessage()));
		}
		if (results.figures().isEmpty() && results.failures().isEmpty()) {
			results.add(new Failure("run", "exited without a figure; see " + logs.resolve(name + ".err.log")));
		}
		return results;
	}

	/** The asks and the ceiling, each warmed up and measured, and minutes for the rest. */
	private static Duration timeout(LoadSettings load) {
		return load.warmup().plus(load.duration()).multipliedBy(2).plus(Duration.ofMinutes(3));
	}

	private static void usage(PrintStream out) {
		PersistenceSettings defaults = PersistenceSettings.DEFAULTS;
		LoadSettings load = defaults.load();
		out.println("""
				Usage: java -cp casty-benchmarks-<version>.jar io.casty.benchmarks.load.persistence.PersistenceBenchmark [options]

				PostgreSQL runs when %s is set (.ci/start-postgres prints it); it is skipped, saying so, when not.
				Options (defaults in brackets):
				  --databases=NAME,...  some of %s [all]
				  --entities=N          entities the persisted asks address round-robin [%d]
				  --in-flight=N         persisted asks in flight [%d]
				  --warmup=DURATION     warm-up of the persisted asks, and of the ceiling [%dms]
				  --duration=DURATION   measurement of the persisted asks, and of the ceiling [%dms]
				  --ask-timeout=D       how long one ask may take [%dms]
				  --recovery-events=N   events of the entity whose recovery is timed, at least 100 [%d]
				  --recovery-runs=N     incarnations timed; the figure is their median [%d]
				  --logs=DIR            where the JVMs log [load-logs beside the jar]"""
			.formatted(BenchmarkDatabase.POSTGRES_URL_VARIABLE, BenchmarkDatabase.ALL, load.entities(), load.inFlight(),
					load.warmup().toMillis(), load.duration().toMillis(), load.askTimeout().toMillis(),
					defaults.recoveryEvents(), defaults.recoveryRuns()));
	}
}
