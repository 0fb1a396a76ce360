package io.casty.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.casty.benchmarks.load.casty.CastySystem;
import io.casty.benchmarks.load.raw.RawEchoSystem;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/**
 * Proves the load harness in a few seconds, in one JVM: a tiny run against Casty and against
 * the raw echo reports every figure with totals that add up, and a system that loses tells is
 * reported as a failure rather than a number. The real runs, in separate JVMs, are
 * {@link LoadBenchmark}'s and never part of the build.
 */
class LoadRunSmokeTest {

	private static final LoadSettings TINY = new LoadSettings(20, 8, Duration.ofMillis(200), Duration.ofMillis(300),
			2_000, Duration.ofSeconds(10), Duration.ofSeconds(5));

	private static final List<String> EVERY_FIGURE = List.of("sequential-ask p50", "sequential-ask p99",
			"sequential-ask p99.9", "sequential-ask ops/s", "pipelined-ask p50", "pipelined-ask p99",
			"pipelined-ask p99.9", "pipelined-ask ops/s", "tell ops/s");

	@Test
	void tinyCastyRunReportsEveryFigureWithTotalsThatAddUp() throws Exception {
		assertTinyRunSucceeds(CastySystem.DEFAULTS);
	}

	@Test
	void tinyRawEchoRunReportsEveryFigureWithTotalsThatAddUp() throws Exception {
		assertTinyRunSucceeds(new RawEchoSystem());
	}

	@Test
	void tellRunThatLosesMessagesReportsFailureNotANumber() throws Exception {
		LoadSettings settings = new LoadSettings(20, 8, Duration.ofMillis(50), Duration.ofMillis(50), 1_000,
				Duration.ofMillis(300), Duration.ofSeconds(1));
		Results results = Results.collecting();

		new LoadRun(new LossyTarget(20, 100), settings, results).run();

		assertThat(results.figure("pipelined-ask ops/s")).isPresent();
		assertThat(results.figure("tell ops/s")).isEmpty();
		assertThat(results.failures()).singleElement().satisfies(failure -> {
			assertThat(failure.workload()).isEqualTo("tell");
			assertThat(failure.reason()).contains("points missing");
		});
	}

	@Test
	void askWhoseReplyIsNotTheNewTotalReportsFailure() throws Exception {
		Results results = Results.collecting();

		new LoadRun(new LossyTarget(20, 0) {
			@Override
			public CompletionStage<Integer> addAndGet(int entity) {
				return super.addAndGet(entity).thenApply(total -> total + 1);
			}
		}, TINY, results).run();

		assertThat(results.figures()).isEmpty();
		assertThat(results.failures()).singleElement()
			.satisfies(failure -> assertThat(failure.reason()).contains("entity 0 replied 2, expected 1"));
	}

	private static void assertTinyRunSucceeds(SystemUnderTest system) throws Exception {
		int port = freePort();
		Results results = Results.collecting();
		AutoCloseable server = system.serve("127.0.0.1", port, TINY);
		try (Target target = system.connect("127.0.0.1", port, TINY)) {
			new LoadRun(target, TINY, results).run();
		}
		finally {
			server.close();
		}
		assertThat(results.failures()).isEmpty();
		assertThat(results.figures()).extracting(Figure::key).containsExactlyElementsOf(EVERY_FIGURE);
		assertThat(results.figures()).allSatisfy(figure -> assertThat(figure.value()).isPositive());
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
			return socket.getLocalPort();
		}
	}

	/** Accounts in an array, answering at once; drops one tell in {@code dropEvery} (none for 0). */
	private static class LossyTarget implements Target {

		private final AtomicIntegerArray totals;

		private final int dropEvery;

		private final AtomicInteger tells = new AtomicInteger();

		LossyTarget(int entities, int dropEvery) {
			this.totals = new AtomicIntegerArray(entities);
			this.dropEvery = dropEvery;
		}

		@Override
		public CompletionStage<Integer> addAndGet(int entity) {
			return CompletableFuture.completedFuture(totals.incrementAndGet(entity));
		}

		@Override
		public void add(int entity) {
			if (dropEvery == 0 || tells.incrementAndGet() % dropEvery != 0) {
				totals.incrementAndGet(entity);
			}
		}

		@Override
		public CompletionStage<Integer> total(int entity, Duration timeout) {
			return CompletableFuture.completedFuture(totals.get(entity));
		}

		@Override
		public void close() {
		}
	}
}
