package io.casty.benchmarks.load.scale;

import io.casty.benchmarks.load.Failure;
import io.casty.benchmarks.load.Figure;
import io.casty.benchmarks.load.FigurePrinter;
import io.casty.benchmarks.load.JvmProcess;
import io.casty.benchmarks.load.LoadBenchmark;
import io.casty.benchmarks.load.LoadSettings;
import io.casty.benchmarks.load.Machine;
import io.casty.benchmarks.load.Results;
import io.casty.benchmarks.load.SystemRun;
import io.casty.benchmarks.points.PointsAccount;
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
 * Casty's memory and scale figures (issue 6, part 3), every node and client in a JVM of its
 * own on loopback, with the load generator's JVM flags:
 * <ul>
 * <li>{@value LiveEntities#WORKLOAD}: heap per live entity on a node with a 1 GiB heap, a
 * million entities started by tells ({@link LiveEntities});
 * <li>{@value InFlightAsks#WORKLOAD}: the client's heap per ask in flight ({@link InFlightAsks});
 * <li>{@value ScaleClientMain#LATENCY}: the load generator's workloads on one node and on three,
 * and on 10, 100 and 1,000 shards.
 * </ul>
 * Prints one line per figure, then how the latency figures change with nodes and shards, and
 * issue 6's memory target.
 *
 * <pre>
 * java -cp casty-benchmarks-&lt;version&gt;.jar io.casty.benchmarks.load.scale.ScaleBenchmark
 * java -cp casty-benchmarks-&lt;version&gt;.jar io.casty.benchmarks.load.scale.ScaleBenchmark --parts=latency --duration=10s
 * </pre>
 *
 * Exits with status 1 when any part failed.
 */
public final class ScaleBenchmark {

	/** Every part, in the order they run. */
	private static final List<String> PARTS = List.of(LiveEntities.WORKLOAD, InFlightAsks.WORKLOAD,
			ScaleClientMain.LATENCY);

	/** The shape of the memory parts, and the one every latency figure is compared with. */
	private static final Shape ONE_NODE = new Shape(1, PointsAccount.NUM_SHARDS);

	private static final Shape THREE_NODES = new Shape(3, PointsAccount.NUM_SHARDS);

	private static final Shape TEN_SHARDS = new Shape(1, 10);

	private static final Shape THOUSAND_SHARDS = new Shape(1, 1_000);

	private static final List<Shape> LATENCY_SHAPES = List.of(ONE_NODE, THREE_NODES, TEN_SHARDS, THOUSAND_SHARDS);

	/** How the latency figures change from one shape to another. */
	private static final List<Comparison> COMPARISONS = List.of(new Comparison(ONE_NODE, THREE_NODES),
			new Comparison(TEN_SHARDS, ONE_NODE), new Comparison(TEN_SHARDS, THOUSAND_SHARDS));

	private static final List<String> COMPARED = List.of("sequential-ask p50", "sequential-ask p99",
			"pipelined-ask ops/s", "tell ops/s");

	/** Issue 6's target: this many live entities within a 1 GiB heap. */
	private static final int TARGET_ENTITIES = 1_000_000;

	private final ScaleSettings settings;

	private final Path logs;

	private final PrintStream out;

	private ScaleBenchmark(ScaleSettings settings, Path logs, PrintStream out) {
		this.settings = settings;
		this.logs = logs;
		this.out = out;
	}

	public static void main(String[] args) throws Exception {
		List<String> arguments = Arrays.asList(args);
		if (arguments.contains("--help")) {
			usage(System.out);
			return;
		}
		Map<String, String> options = LoadSettings.options(arguments);
		List<String> parts = LoadSettings.choices(options, "parts", PARTS);
		Path logs = Optional.ofNullable(options.get("logs")).map(Path::of).orElseGet(LoadBenchmark::defaultLogs);
		boolean failed = new ScaleBenchmark(ScaleSettings.DEFAULTS.with(arguments), logs, System.out).run(parts);
		if (failed) {
			System.exit(1);
		}
	}

	/** Runs the parts; returns whether any failed. */
	private boolean run(List<String> parts) throws InterruptedException {
		out.println("── Casty memory and scale, " + ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME) + " ──");
		Machine.describe().forEach(out::println);
		out.println("jvm flags (every node and client): " + String.join(" ", SystemRun.JVM_FLAGS)
				+ "; nodes also -XX:+ExitOnOutOfMemoryError");
		LoadSettings load = settings.load();
		out.println(String.format(Locale.ROOT, "live entities: %,d (%,d checked); asks in flight: %,d; latency: %,d entities, "
				+ "%d in flight, %,d tells, warm-up %d ms and measurement %d ms per ask workload", settings.liveEntities(),
				settings.sample(), settings.pendingAsks(), load.entities(), load.inFlight(), load.tells(),
				load.warmup().toMillis(), load.duration().toMillis()));
		out.println("logs: " + logs);
		out.println();

		List<Results> all = new ArrayList<>();
		Results live = null;
		if (parts.contains(LiveEntities.WORKLOAD)) {
			live = runPart(LiveEntities.WORKLOAD, ONE_NODE, settings.entityTimeout().plus(Duration.ofMinutes(5)));
			all.add(live);
		}
		if (parts.contains(InFlightAsks.WORKLOAD)) {
			all.add(runPart(InFlightAsks.WORKLOAD, ONE_NODE, Duration.ofMinutes(10)));
		}
		if (parts.contains(ScaleClientMain.LATENCY)) {
			Map<Shape, Results> byShape = new LinkedHashMap<>();
			for (Shape shape : LATENCY_SHAPES) {
				byShape.put(shape, runPart(ScaleClientMain.LATENCY, shape, SystemRun.clientTimeout(load)));
			}
			all.addAll(byShape.values());
			printComparisons(byShape);
		}
		if (live != null) {
			printTarget(live);
		}
		out.println("load average at the end (1/5/15 min): " + Machine.loadAverage());
		return all.stream().anyMatch(results -> !results.failures().isEmpty());
	}

	/** Starts the shape's nodes, runs the part in a client JVM, stops the nodes. */
	private Results runPart(String part, Shape shape, Duration clientTimeout) throws InterruptedException {
		Results results = Results.notifying(new FigurePrinter(out, shape.label(), 20, 13));
		String run = part + "-" + shape.nodes() + "n-" + shape.shards() + "s";
		NodeJvms nodes = null;
		try {
			nodes = NodeJvms.start(run, shape.nodes(), shape.shards(), logs);
			List<String> args = new ArrayList<>(List.of(part, Integer.toString(shape.nodes()),
					Integer.toString(shape.shards()), String.join(",", nodes.contactPoints())));
			args.addAll(settings.toArgs());
			try (JvmProcess client = JvmProcess.start(run + "-client", ScaleClientMain.class, args, SystemRun.JVM_FLAGS,
					logs, results::addLine)) {
				if (!client.awaitExit(clientTimeout)) {
					results.add(new Failure(part, "the client did not finish within " + clientTimeout.toSeconds() + " s"));
				}
			}
		}
		catch (Exception ex) {
			results.add(new Failure(part, "could not run: " + ex.getMessage()));
		}
		finally {
			if (nodes != null) {
				nodes.close();
			}
		}
		if (nodes != null) {
			for (String node : nodes.outOfMemory()) {
				results.add(new Failure(part, node + " ran out of heap (OutOfMemoryError) and exited"));
			}
			if (part.equals(ScaleClientMain.LATENCY) && nodes.outOfMemory().isEmpty()) {
				// Zero when the client sent every message straight to its shard's owner.
				results.add(new Figure("nodes", "forwarded", nodes.forwarded(), "count"));
			}
		}
		if (results.figures().isEmpty() && results.failures().isEmpty()) {
			results.add(new Failure(part, "the client exited without a figure; see " + logs.resolve(run + "-client.err.log")));
		}
		return results;
	}

	private void printComparisons(Map<Shape, Results> byShape) {
		out.println();
		out.println("── How the figures change (one shape's over another's; for latency lower is better, for ops/s higher) ──");
		for (Comparison comparison : COMPARISONS) {
			for (String key : COMPARED) {
				Optional<Figure> base = byShape.get(comparison.base()).figure(key);
				Optional<Figure> other = byShape.get(comparison.other()).figure(key);
				String ratio = base.isPresent() && other.isPresent() && base.get().value() != 0
						? String.format(Locale.ROOT, "%.2fx", other.get().value() / base.get().value()) : "missing";
				out.println(String.format(Locale.ROOT, "scale  %-42s %-20s %8s",
						comparison.other().label() + " / " + comparison.base().label(), key, ratio));
			}
		}
	}

	private void printTarget(Results live) {
		out.println();
		out.println("── Issue 6 target ──");
		Optional<Figure> running = live.figure(LiveEntities.WORKLOAD + " running");
		String verdict;
		if (settings.liveEntities() != TARGET_ENTITIES) {
			verdict = String.format(Locale.ROOT, "NOT MEASURED (this run asked for %,d entities; the target needs --live-entities=%d)",
					settings.liveEntities(), TARGET_ENTITIES);
		}
		else if (!live.failures().isEmpty() || running.isEmpty()) {
			verdict = "MISSED (" + live.failures().stream().findFirst().map(Failure::reason).orElse("no figure") + ")";
		}
		else {
			verdict = String.format(Locale.ROOT, "MET (%s of 1,024 MiB in use after a full collection)",
					live.figure(LiveEntities.WORKLOAD + " heap-after").map(Figure::formattedValue).orElse("?"));
		}
		out.println(String.format(Locale.ROOT, "target %,d live entities on a node with a 1 GiB heap: %s", TARGET_ENTITIES,
				verdict));
	}

	private static void usage(PrintStream out) {
		ScaleSettings defaults = ScaleSettings.DEFAULTS;
		out.println("""
				Usage: java -cp casty-benchmarks-<version>.jar io.casty.benchmarks.load.scale.ScaleBenchmark [options]

				Options (defaults in brackets):
				  --parts=NAME,...     some of %s [all]
				  --live-entities=N    entities started on one node for the heap per entity [%d]
				  --sample=N           of which this many, at random, must hold their point [%d]
				  --entity-timeout=D   how long the node may take to run them all [%dms]
				  --pending-asks=N     asks in flight for the client's heap per ask [%d]
				  --warmup=D, --duration=D, --tells=N, --entities=N, --in-flight=N, --ask-timeout=D
				                       the latency part's workloads, as the load generator's [%dms, %dms, %d, %d, %d, %dms]
				  --logs=DIR           where node and client JVMs log [load-logs beside the jar]"""
			.formatted(PARTS, defaults.liveEntities(), defaults.sample(), defaults.entityTimeout().toMillis(),
					defaults.pendingAsks(), defaults.load().warmup().toMillis(), defaults.load().duration().toMillis(),
					defaults.load().tells(), defaults.load().entities(), defaults.load().inFlight(),
					defaults.load().askTimeout().toMillis()));
	}

	/** The figures of {@code other} over those of {@code base}. */
	private record Comparison(Shape base, Shape other) {
	}

	/** A cluster: how many nodes, and how many shards the accounts have. */
	private record Shape(int nodes, int shards) {

		String label() {
			return String.format(Locale.ROOT, "%d %s, %,d shards", nodes, nodes == 1 ? "node" : "nodes", shards);
		}
	}
}
