package io.casty.benchmarks.load;

import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The end-to-end load generator, side by side with peers. For each system in turn (the raw
 * Netty echo floor, Casty, Hazelcast, Pekko) it starts a node JVM and a client JVM on loopback,
 * runs the same workloads ({@link LoadRun}) with the same JVM flags and prints one line per
 * figure; then it does it all again, round after round, so that every system is measured
 * throughout the run rather than in one stretch of it. At the end: each figure's median over
 * the rounds, and Casty's ratios of medians over each other system with issue 6's targets.
 *
 * <pre>
 * java -jar casty-benchmarks-&lt;version&gt;.jar --all
 * java -jar casty-benchmarks-&lt;version&gt;.jar --systems=casty,hazelcast --duration=5s --tells=200000
 * java -jar casty-benchmarks-&lt;version&gt;.jar --systems=casty --jfr=/tmp/jfr   (flight recordings)
 * </pre>
 *
 * Exits with status 1 when any workload failed (its totals did not add up, or it could not
 * run), so that a script notices; missed targets are reported, not failed.
 */
public final class LoadBenchmark {

	/** How many times every system is measured, interleaved. */
	static final int DEFAULT_ROUNDS = 3;

	private LoadBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		List<String> arguments = Arrays.asList(args);
		if (!arguments.contains("--all") && option(arguments, "systems").isEmpty()) {
			usage(System.out);
			return;
		}
		LoadSettings settings = LoadSettings.DEFAULTS.with(arguments);
		int rounds = option(arguments, "rounds").map(value -> LoadSettings.parseInt("rounds", value))
			.orElse(DEFAULT_ROUNDS);
		LoadSettings.requirePositive("rounds", rounds);
		List<SystemUnderTest> systems = option(arguments, "systems")
			.map(names -> Arrays.stream(names.split(",")).map(String::trim).map(Systems::named).toList())
			.orElse(Systems.all());
		Path logs = option(arguments, "logs").map(Path::of).orElseGet(LoadBenchmark::defaultLogs);
		Optional<Path> recordings = option(arguments, "jfr").map(Path::of);
		if (recordings.isPresent()) {
			Files.createDirectories(recordings.get());
		}

		PrintStream out = System.out;
		out.println("── Casty end-to-end load, " + ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME) + " ──");
		Machine.describe().forEach(out::println);
		out.println("jvm flags (every node and client): " + String.join(" ", SystemRun.JVM_FLAGS));
		out.println("workloads: " + settings.entities() + " entities; sequential ask; pipelined ask with "
				+ settings.inFlight() + " in flight; " + settings.tells() + " tells; warm-up " + settings.warmup().toMillis()
				+ " ms and measurement " + settings.duration().toMillis() + " ms per ask workload; " + rounds
				+ (rounds == 1 ? " round" : " rounds, every system in each"));
		out.println("logs: " + logs);
		out.println();

		List<Map<String, Results>> byRound = new ArrayList<>();
		boolean failed = false;
		for (int round = 1; round <= rounds; round++) {
			if (rounds > 1) {
				out.println("── Round " + round + " of " + rounds + " ──");
			}
			Map<String, Results> bySystem = new LinkedHashMap<>();
			for (SystemUnderTest system : systems) {
				Results results = new SystemRun(system, settings, logs, recordings, out).run();
				bySystem.put(system.name(), results);
				failed |= !results.failures().isEmpty();
			}
			byRound.add(bySystem);
		}
		Map<String, Results> medians = new LinkedHashMap<>();
		for (SystemUnderTest system : systems) {
			medians.put(system.name(), Results.medianOf(byRound.stream().map(round -> round.get(system.name())).toList()));
		}
		if (rounds > 1) {
			out.println();
			out.println("── Medians over " + rounds + " rounds ──");
			medians.forEach((name, results) -> {
				FigurePrinter printer = new FigurePrinter(out, name, SystemRun.LABEL_WIDTH, SystemRun.METRIC_WIDTH);
				results.figures().forEach(printer::figure);
			});
		}
		new Report(medians, byRound).print(out);
		out.println("load average at the end (1/5/15 min): " + Machine.loadAverage());
		if (failed) {
			System.exit(1);
		}
	}

	private static Optional<String> option(List<String> arguments, String name) {
		String prefix = "--" + name + "=";
		return arguments.stream().filter(arg -> arg.startsWith(prefix)).map(arg -> arg.substring(prefix.length())).findFirst();
	}

	/** {@code load-logs} beside the jar (or the classes folder) this runs from. */
	public static Path defaultLogs() {
		try {
			Path source = Path.of(LoadBenchmark.class.getProtectionDomain().getCodeSource().getLocation().toURI());
			return source.getParent().resolve("load-logs");
		}
		catch (URISyntaxException | RuntimeException ex) {
			return Path.of("load-logs");
		}
	}

	private static void usage(PrintStream out) {
		LoadSettings defaults = LoadSettings.DEFAULTS;
		out.println("""
				Usage: java -jar casty-benchmarks-<version>.jar (--all | --systems=NAME,...) [options]

				Systems (--all runs every one, in this order): %s
				Options (defaults in brackets):
				  --entities=N        entities addressed round-robin [%d]
				  --in-flight=N       asks in flight in the pipelined workload [%d]
				  --warmup=DURATION   warm-up of each ask workload [%s]
				  --duration=DURATION measurement of each ask workload [%s]
				  --rounds=N          times every system is measured, interleaved; figures are medians [%d]
				  --tells=N           tells in the measured tell run; a fifth as many warm up [%d]
				  --tell-timeout=D    how long the tells may take to be applied [%s]
				  --ask-timeout=D     how long one ask may take [%s]
				  --jfr=DIR           write a flight recording of every JVM to DIR (the last round's)
				  --logs=DIR          where node and client JVMs log, the last round's [load-logs beside the jar]"""
			.formatted(String.join(", ", Systems.all().stream().map(SystemUnderTest::name).toList()), defaults.entities(),
					defaults.inFlight(), millis(defaults.warmup()), millis(defaults.duration()), DEFAULT_ROUNDS, defaults.tells(),
					millis(defaults.tellTimeout()), millis(defaults.askTimeout())));
	}

	private static String millis(Duration duration) {
		return duration.toMillis() + "ms";
	}
}
