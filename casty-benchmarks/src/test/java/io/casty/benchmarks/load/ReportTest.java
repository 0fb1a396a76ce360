package io.casty.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
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
		new Report(bySystem).print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
		return bytes.toString(StandardCharsets.UTF_8);
	}
}
