package io.casty.benchmarks.load;

import io.casty.benchmarks.load.casty.CastySystem;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The end of a run: Casty's figures over each other system's, one line per ratio, with issue
 * 6's targets marked met or missed, judged on the medians of the rounds and followed by each
 * round's own ratio. The targets are judged on Casty's defaults; Casty with
 * opt-in busy-waiting, when measured, is shown against the latency targets apart. A ratio whose
 * figures are missing (a failed workload) is printed as missing, never guessed.
 */
final class Report {

	/** The figures compared; latencies and throughputs of every workload. */
	private static final List<String> KEYS = List.of("sequential-ask p50", "sequential-ask p99",
			"sequential-ask p99.9", "sequential-ask ops/s", "pipelined-ask p50", "pipelined-ask p99",
			"pipelined-ask ops/s", "tell ops/s");

	/** The latencies also shown above the raw echo's: what each system adds to TCP's own round trip. */
	private static final List<String> FLOOR_KEYS = List.of("sequential-ask p50", "sequential-ask p99");

	private final Map<String, Results> bySystem;

	private final List<Map<String, Results>> rounds;

	/**
	 * @param bySystem every measured system's results (the medians of its rounds), by name, in
	 *     run order
	 * @param rounds each round's results, by system
	 */
	Report(Map<String, Results> bySystem, List<Map<String, Results>> rounds) {
		this.bySystem = bySystem;
		this.rounds = rounds;
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
				if (isPeer(peer)) {
					out.println(line(key, peer, ratio(casty, bySystem.get(peer), key)));
				}
			}
		}
		out.println();
		out.println("── Issue 6 targets ──");
		int met = 0;
		for (RatioTarget target : RatioTarget.ISSUE_6) {
			if (printTarget(out, Systems.CASTY, casty, target)) {
				met++;
			}
		}
		out.println("targets met: " + met + " of " + RatioTarget.ISSUE_6.size());
		printBusyWaiting(out);
		printAboveTheFloor(out, casty);
	}

	/** Casty's variants are what is compared, not what they are compared with. */
	private static boolean isPeer(String system) {
		return !system.equals(Systems.CASTY) && !system.equals(Systems.CASTY_BUSY_WAIT.name());
	}

	/** @return whether the target was met */
	private boolean printTarget(PrintStream out, String name, Results system, RatioTarget target) {
		Optional<Double> ratio = bySystem.containsKey(target.peer())
				? ratio(system, bySystem.get(target.peer()), target.key()) : Optional.empty();
		String verdict = ratio.map(value -> target.isMetBy(value) ? "MET" : "MISSED").orElse("NOT MEASURED");
		out.println(String.format(Locale.ROOT, "target %-20s %s/%-9s %8s   %-7s %-7s%s", target.key(), name,
				target.peer(), ratio.map(Report::format).orElse("-"), target.describe(), verdict,
				ratio.isPresent() ? byRound(name, target) : ""));
		return verdict.equals("MET");
	}

	/** Each round's ratio, when there were several: how far from the median the rounds strayed. */
	private String byRound(String name, RatioTarget target) {
		if (rounds.size() < 2) {
			return "";
		}
		StringBuilder line = new StringBuilder("  rounds:");
		for (Map<String, Results> round : rounds) {
			Optional<Double> ratio = round.containsKey(name) && round.containsKey(target.peer())
					? ratio(round.get(name), round.get(target.peer()), target.key()) : Optional.empty();
			line.append(' ').append(ratio.map(Report::format).orElse("-"));
		}
		return line.toString();
	}

	/**
	 * Busy-waiting changes only how a blocked caller waits, so only the sequential targets say
	 * anything about it; shown apart, since it is not what Casty does by default.
	 */
	private void printBusyWaiting(PrintStream out) {
		String name = Systems.CASTY_BUSY_WAIT.name();
		Results busyWaiting = bySystem.get(name);
		if (busyWaiting == null) {
			return;
		}
		out.println();
		out.println("── Opt-in: " + name + " (askBusyWait " + CastySystem.BUSY_WAIT.toNanos() / 1_000
				+ " µs; not the default, so not counted above) ──");
		for (RatioTarget target : RatioTarget.ISSUE_6) {
			if (target.key().startsWith(SequentialAsk.WORKLOAD)) {
				printTarget(out, name, busyWaiting, target);
			}
		}
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
				if (!isPeer(peer.getKey()) || peer.getKey().equals(Systems.RAW_ECHO)) {
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
