package io.casty.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The end-of-run report, from figures given by hand. */
class ReportTest {

	@Test
	void showsWhatEachSystemAddsToTheRawEchoAndTheRatioOfThat() {
		Map<String, Results> bySystem = new LinkedHashMap<>();
		bySystem.put(Systems.RAW_ECHO, latencies(50.0, 150.0));
		bySystem.put(Systems.CASTY, latencies(60.0, 170.0));
		bySystem.put("hazelcast", latencies(90.0, 230.0));

		String report = print(bySystem);

		assertThat(report).contains("target sequential-ask p50   casty/hazelcast    0.67x   <= 0.6  MISSED");
		assertThat(report).containsPattern(
				"above  sequential-ask p50 +casty +10\\.0 µs +hazelcast +40\\.0 µs +casty/hazelcast +0\\.25x");
		assertThat(report).containsPattern(
				"above  sequential-ask p99 +casty +20\\.0 µs +hazelcast +80\\.0 µs +casty/hazelcast +0\\.25x");
	}

	@Test
	void busyWaitingIsJudgedApartOnTheSequentialTargetsOnly() {
		Map<String, Results> bySystem = new LinkedHashMap<>();
		bySystem.put(Systems.RAW_ECHO, latencies(50.0, 150.0));
		bySystem.put(Systems.CASTY, latencies(60.0, 170.0));
		bySystem.put(Systems.CASTY_BUSY_WAIT.name(), latencies(45.0, 160.0));
		bySystem.put("hazelcast", latencies(90.0, 230.0));

		String report = print(bySystem);

		assertThat(report).contains("target sequential-ask p50   casty/hazelcast    0.67x   <= 0.6  MISSED");
		assertThat(report).contains("targets met: 1 of 5");
		assertThat(report).contains("target sequential-ask p50   casty-busy-wait/hazelcast    0.50x   <= 0.6  MET");
		assertThat(report).contains("target sequential-ask p50   casty-busy-wait/raw-echo     0.90x   <= 2.0  MET");
		assertThat(report).doesNotContain("casty-busy-wait/pekko").doesNotContain("casty/casty-busy-wait");
	}

	@Test
	void targetsAreJudgedOnTheMediansOfTheRoundsAndShowEachRound() {
		List<Map<String, Results>> rounds = List.of(round(60.0, 90.0), round(70.0, 80.0), round(50.0, 100.0));
		Map<String, Results> medians = new LinkedHashMap<>();
		for (String system : rounds.get(0).keySet()) {
			medians.put(system, Results.medianOf(rounds.stream().map(round -> round.get(system)).toList()));
		}

		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		new Report(medians, rounds).print(new PrintStream(bytes, true, StandardCharsets.UTF_8));

		// Medians 60 and 90 µs: not the median of the three rounds' ratios (0.67x, 0.88x, 0.50x).
		assertThat(bytes.toString(StandardCharsets.UTF_8))
			.contains("target sequential-ask p50   casty/hazelcast    0.67x   <= 0.6  MISSED   rounds: 0.67x 0.88x 0.50x");
	}

	private static Map<String, Results> round(double casty, double hazelcast) {
		Map<String, Results> round = new LinkedHashMap<>();
		round.put(Systems.CASTY, latencies(casty, casty * 3));
		round.put("hazelcast", latencies(hazelcast, hazelcast * 3));
		return round;
	}

	@Test
	void withoutTheRawEchoThereIsNoFloorToShow() {
		Map<String, Results> bySystem = new LinkedHashMap<>();
		bySystem.put(Systems.CASTY, latencies(60.0, 170.0));
		bySystem.put("hazelcast", latencies(90.0, 230.0));

		assertThat(print(bySystem)).doesNotContain("Above the floor");
	}

	private static Results latencies(double p50, double p99) {
		Results results = Results.collecting();
		results.add(new Figure("sequential-ask", "p50", p50, "us"));
		results.add(new Figure("sequential-ask", "p99", p99, "us"));
		return results;
	}

	private static String print(Map<String, Results> bySystem) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		new Report(bySystem, List.of(bySystem)).print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
		return bytes.toString(StandardCharsets.UTF_8);
	}
}
