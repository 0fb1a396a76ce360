package io.casty.benchmarks.load.scale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.casty.benchmarks.load.Figure;
import io.casty.benchmarks.load.LoadSettings;
import io.casty.benchmarks.load.Results;
import io.casty.benchmarks.load.SystemRun;
import io.casty.cluster.ClusteredActorSystem;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Proves the memory and scale parts in a few seconds, in one JVM: a node and a client as the
 * run starts them, with small counts. The heap figures mean nothing here (node and client share
 * a heap); that each is reported, and that the checks pass, does. The real runs, in separate
 * JVMs, are {@link ScaleBenchmark}'s and never part of the build.
 */
class ScaleRunSmokeTest {

	private static final ScaleSettings SMALL = new ScaleSettings(2_000, 50, 1_000, Duration.ofSeconds(30),
			new LoadSettings(20, 8, Duration.ofMillis(200), Duration.ofMillis(300), 2_000, Duration.ofSeconds(10),
					Duration.ofSeconds(5)));

	@Test
	void liveEntitiesPartReportsEveryFigureWithTheSampleChecked() throws Exception {
		Results results = runOnOneNode(LiveEntities.WORKLOAD);

		assertThat(results.failures()).isEmpty();
		assertThat(results.figures()).extracting(Figure::key)
			.containsExactly("live-entities running", "live-entities heap-before", "live-entities heap-after",
					"live-entities bytes/entity", "live-entities checked");
		assertThat(results.figure("live-entities running")).get().extracting(Figure::value).isEqualTo(2_000.0);
	}

	@Test
	void inFlightAsksPartReportsEveryFigureOnceEveryReplyArrived() throws Exception {
		Results results = runOnOneNode(InFlightAsks.WORKLOAD);

		assertThat(results.failures()).isEmpty();
		assertThat(results.figures()).extracting(Figure::key)
			.containsExactly("in-flight-asks pending", "in-flight-asks heap-pending", "in-flight-asks bytes/ask",
					"in-flight-asks heap-left");
	}

	@Test
	void latencyPartRunsTheLoadWorkloadsOverOneConnectionPerNode() throws Exception {
		Results results = runOnOneNode(ScaleClientMain.LATENCY);

		assertThat(results.failures()).isEmpty();
		assertThat(results.figure("sequential-ask p50")).isPresent();
		assertThat(results.figure("tell ops/s")).isPresent();
		assertThat(results.figure("client connections")).get().extracting(Figure::value).isEqualTo(1.0);
	}

	@Test
	void settingsRejectANonPositiveCountNamingTheOption() {
		assertThatThrownBy(() -> ScaleSettings.DEFAULTS.with(List.of("--live-entities=0")))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessage("--live-entities : 0 (expected: > 0)");
	}

	@Test
	void settingsGoToTheClientAndBackUnchanged() {
		ScaleSettings settings = ScaleSettings.DEFAULTS.with(List.of("--pending-asks=5000", "--duration=2s"));

		assertThat(ScaleSettings.DEFAULTS.with(settings.toArgs())).isEqualTo(settings);
	}

	private static Results runOnOneNode(String part) throws Exception {
		int port = SystemRun.freePort("127.0.0.1");
		Results results = Results.collecting();
		try (ClusteredActorSystem node = ScaleNodeMain.start("127.0.0.1", port, "node-1", 10, List.of())) {
			ScaleClientMain.run(part, 1, 10, List.of("127.0.0.1:" + port), SMALL, results);
		}
		return results;
	}
}
