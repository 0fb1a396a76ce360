package io.casty.benchmarks.load;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The end of a run: Casty's figures over each other system's, one line per ratio, with issue
 * 6's targets marked met or missed. A ratio whose figures are missing (a failed workload) is
 * printed as missing, never guessed.
 */
final class Report {

	/** The figures compared; latencies and throughputs of every workload. */
	private static final List<String> KEYS = List.of("sequential-ask p50", "sequential-ask p99",
			"sequential-ask p99.9", "sequential-ask ops/s", "pipelined-ask p50", "pipelined-ask p99",
			"pipelined-ask ops/s", "tell ops/s");

	/** The latencies also shown above the raw echo's: what each system adds to TCP's own round trip. */
	private static final List<String> FLOOR_KEYS = List.of("sequential-ask p50", "sequential-ask p99");

	private final Map<String, Results> bySystem;

	/**
	 * @param bySystem every measured system's results, by name, in run order
	 */
	Report(Map<String, Results> bySystem) {
		this.bySystem = bySystem;
	}

	void print(PrintStream out) {
		Results casty = bySystem.get(Systems.CASTY);
		if (casty == null) {
			out.println("No ratios: Casty was not measured in this run");
			return;
		}
		out.println();
		out.println("── Ratios (casty / other; for latency lower is better, for ops/s higher) ──");
		for (String key : KEYS) {
			for (String peer : bySystem.keySet()) {
				if (!peer.equals(Systems.CASTY)) {
					out.println(line(key, peer, ratio(casty, bySystem.get(peer), key)));
				}
			}
		}
		out.println();
		out.println("── Issue 6 targets ──");
		int met = 0;
		for (RatioTarget target : RatioTarget.ISSUE_6) {
			Optional<Double> ratio = bySystem.containsKey(target.peer())
					? ratio(casty, bySystem.get(target.peer()), target.key()) : Optional.empty();
			String verdict = ratio.map(value -> target.isMetBy(value) ? "MET" : "MISSED").orElse("NOT MEASURED");
			if (verdict.equals("MET")) {
				met++;
			}
			out.println(String.format(Locale.ROOT, "target %-20s casty/%-9s %8s   %-7s %s", target.key(), target.peer(),
					ratio.map(Report::format).orElse("-"), target.describe(), verdict));
		}
		out.println("targets met: " + met + " of " + RatioTarget.ISSUE_6.size());
		printAboveTheFloor(out, casty);
	}

	/**
	 * On a machine where TCP's round trip is most of every system's latency, a ratio of whole
	 * latencies hides how much each system adds to it; this shows that part, and its ratio.
	 */
	private void printAboveTheFloor(PrintStream out, Results casty) {
		Results floor = bySystem.get(Systems.RAW_ECHO);
		if (floor == null) {
			return;
		}
		out.println();
		out.println("── Above the floor (latency minus the raw echo's: what each system adds to TCP's round trip) ──");
		for (String key : FLOOR_KEYS) {
			Optional<Figure> mine = aboveFloor(casty, floor, key);
			for (Map.Entry<String, Results> peer : bySystem.entrySet()) {
				if (peer.getKey().equals(Systems.CASTY) || peer.getKey().equals(Systems.RAW_ECHO)) {
					continue;
				}
				Optional<Figure> theirs = aboveFloor(peer.getValue(), floor, key);
				Optional<Double> ratio = mine.flatMap(m -> theirs.filter(t -> t.value() > 0).map(t -> m.value() / t.value()));
				out.println(String.format(Locale.ROOT, "above  %-20s casty %10s   %-9s %10s   casty/%-9s %8s", key,
						mine.map(Figure::formattedValue).orElse("missing"), peer.getKey(),
						theirs.map(Figure::formattedValue).orElse("missing"), peer.getKey(),
						ratio.map(Report::format).orElse("-")));
			}
		}
	}

	/** {@code system}'s figure less the floor's, when both were measured. */
	private static Optional<Figure> aboveFloor(Results system, Results floor, String key) {
		return system.figure(key)
			.flatMap(figure -> floor.figure(key)
				.map(base -> new Figure(figure.workload(), figure.metric(), figure.value() - base.value(), figure.unit())));
	}

	private static String line(String key, String peer, Optional<Double> ratio) {
		return String.format(Locale.ROOT, "ratio  %-20s casty/%-9s %8s", key, peer,
				ratio.map(Report::format).orElse("missing"));
	}

	private static Optional<Double> ratio(Results casty, Results peer, String key) {
		Optional<Figure> mine = casty.figure(key);
		Optional<Figure> theirs = peer.figure(key);
		if (mine.isEmpty() || theirs.isEmpty() || theirs.get().value() == 0) {
			return Optional.empty();
		}
		return Optional.of(mine.get().value() / theirs.get().value());
	}

	private static String format(double ratio) {
		return String.format(Locale.ROOT, ratio < 10 ? "%.2fx" : "%.1fx", ratio);
	}
}
