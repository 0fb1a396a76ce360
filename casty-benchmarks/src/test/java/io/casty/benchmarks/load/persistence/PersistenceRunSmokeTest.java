package io.casty.benchmarks.load.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.casty.benchmarks.load.Figure;
import io.casty.benchmarks.load.LoadSettings;
import io.casty.benchmarks.load.Results;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Proves the persistence benchmark in a few seconds, in one JVM: a tiny run reports every
 * figure, with totals and journal rows that add up, and each recovery replays what it should.
 * The figures mean nothing at this size; the real runs are {@link PersistenceBenchmark}'s and
 * never part of the build.
 */
class PersistenceRunSmokeTest {

	private static final PersistenceSettings TINY = new PersistenceSettings(new LoadSettings(50, 8, Duration.ofMillis(200),
			Duration.ofMillis(300), 1, Duration.ofSeconds(10), Duration.ofSeconds(5)), 200, 1);

	private static final List<String> EVERY_FIGURE = List.of("persisted-ask p50", "persisted-ask p99",
			"persisted-ask p99.9", "persisted-ask ops/s", "persisted-ask cpu/event", "journal events/commit", "journal commits/s",
			"journal commit-p50", "journal commit-p99", "journal writer-busy", "plain-insert p50", "plain-insert p99",
			"plain-insert p99.9", "plain-insert ops/s", "plain-insert cpu/row", "plain-insert rows/batch",
			"full-batches p50",
			"full-batches p99", "full-batches p99.9", "full-batches ops/s", "full-batches cpu/row",
			"full-batches rows/batch",
			"recovery-snap median", "recovery-snap min", "recovery-snap max",
			"recovery-snap replayed", "recovery-nosnap median", "recovery-nosnap min",
			"recovery-nosnap max", "recovery-nosnap replayed");

	@Test
	void tinyH2RunReportsEveryFigure() {
		assertTinyRunSucceeds(BenchmarkDatabase.H2, "H2 ");
	}

	@Test
	void tinyPostgresRunReportsEveryFigure() {
		assumeTrue(BenchmarkDatabase.postgresUrl().isPresent(), "No PostgreSQL to run against: set "
				+ BenchmarkDatabase.POSTGRES_URL_VARIABLE + " (.ci/start-postgres starts one and prints it)");
		assertTinyRunSucceeds(BenchmarkDatabase.POSTGRESQL, "PostgreSQL ");
	}

	@Test
	void settingsRefuseARecoveryWithoutASnapshotsWorth() {
		assertThatThrownBy(() -> PersistenceSettings.DEFAULTS.with(List.of("--recovery-events=99")))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessage("--recovery-events : 99 (expected: >= 100)");
	}

	@Test
	void settingsGoToTheDatabaseJvmAndBackUnchanged() {
		PersistenceSettings settings = PersistenceSettings.DEFAULTS.with(List.of("--recovery-runs=3", "--duration=2s"));

		assertThat(PersistenceSettings.DEFAULTS.with(settings.toArgs())).isEqualTo(settings);
	}

	private static void assertTinyRunSucceeds(String database, String product) {
		Results results = Results.collecting();
		ByteArrayOutputStream printed = new ByteArrayOutputStream();

		PersistenceRunMain.run(database, TINY, results, new PrintStream(printed, true, StandardCharsets.UTF_8));

		assertThat(results.failures()).isEmpty();
		assertThat(results.figures()).extracting(Figure::key).containsExactlyElementsOf(EVERY_FIGURE);
		assertThat(printed.toString(StandardCharsets.UTF_8)).startsWith(PersistenceRunMain.DATABASE + product);
		assertThat(results.figure("full-batches rows/batch")).get().extracting(Figure::value).isEqualTo(8.0);
		assertThat(results.figure("recovery-snap replayed")).get().extracting(Figure::value).isEqualTo(0.0);
		assertThat(results.figure("recovery-nosnap replayed")).get().extracting(Figure::value).isEqualTo(200.0);
	}
}
