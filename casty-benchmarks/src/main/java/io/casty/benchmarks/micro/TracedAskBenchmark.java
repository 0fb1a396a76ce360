package io.casty.benchmarks.micro;

import brave.Tracing;
import brave.handler.MutableSpan;
import brave.handler.SpanHandler;
import brave.propagation.ThreadLocalCurrentTraceContext;
import brave.sampler.Sampler;
import io.casty.benchmarks.points.PointsAccount;
import io.casty.client.ClusterClient;
import io.casty.client.EntityRef;
import io.casty.cluster.ClusteredActorSystem;
import io.casty.cluster.EntityType;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationHandler.FirstMatchingCompositeObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.brave.bridge.BraveBaggageManager;
import io.micrometer.tracing.brave.bridge.BraveCurrentTraceContext;
import io.micrometer.tracing.brave.bridge.BravePropagator;
import io.micrometer.tracing.brave.bridge.BraveTracer;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingReceiverTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingSenderTracingObservationHandler;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What observing a request costs: a sequential ask from a client to a node on loopback (both in
 * this JVM, each with its own registry and tracer, as two processes would have), with
 * <ul>
 * <li>{@code off}: no observation registry, the default;</li>
 * <li>{@code metrics}: the client's and the node's observations recorded as timers, what Spring
 * Boot's actuator does without a tracer;</li>
 * <li>{@code tracing}: besides, every ask and every message handled a Brave span, all sampled,
 * the trace context carried in the envelope (B3 headers) and the finished spans handed to a
 * reporter that counts them.</li>
 * </ul>
 * The three run in one fork each, one after the other, so that the difference between them is
 * what the observations cost, on the same machine in the same run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class TracedAskBenchmark {

	private static final String SYSTEM_NAME = "traced-bench";

	@Param({ "off", "metrics", "tracing" })
	public String observations;

	private final List<AutoCloseable> closeables = new ArrayList<>();

	private final LongAdder spansReported = new LongAdder();

	private EntityRef<PointsAccount.Command> points;

	private String[] entityIds;

	private int next;

	@Setup
	public void setUp() throws IOException {
		int port = MicroFixtures.freeLoopbackPort();
		ClusteredActorSystem node = ClusteredActorSystem.builder(SYSTEM_NAME)
			.host("127.0.0.1")
			.port(port)
			.registerMessages(PointsAccount.MESSAGES)
			.observationRegistry(registry("node"))
			.leaveOnShutdown(false)
			.start();
		closeables.add(node);
		node.shardRegion(EntityType.of(PointsAccount.SHARD_TYPE, PointsAccount.NUM_SHARDS, PointsAccount::create));
		node.awaitAllocations(Duration.ofSeconds(30));
		ClusterClient client = ClusterClient.builder()
			.systemName(SYSTEM_NAME)
			.contactPoints("127.0.0.1:" + port)
			.registerMessages(PointsAccount.MESSAGES)
			.observationRegistry(registry("client"))
			.build();
		closeables.add(client);
		points = client.entityRef(PointsAccount.SHARD_TYPE, PointsAccount.NUM_SHARDS);
		entityIds = MicroFixtures.entityIds();
		// Every entity started, and the client's routes known, before the first measured ask.
		for (String entityId : entityIds) {
			points.<Integer>ask(entityId, PointsAccount.GetPoints::new, Duration.ofSeconds(30)).join();
		}
	}

	@TearDown
	public void tearDown() throws Exception {
		for (int i = closeables.size() - 1; i >= 0; i--) {
			closeables.get(i).close();
		}
		if (observations.equals("tracing")) {
			System.out.println("\nSpans reported: " + spansReported.sum());
		}
	}

	@Benchmark
	public Integer askRoundTrip() {
		String entityId = entityIds[next++ % entityIds.length];
		return points.<Integer>ask(entityId, PointsAccount.GetPoints::new, Duration.ofSeconds(5)).join();
	}

	private ObservationRegistry registry(String service) {
		if (!List.of("off", "metrics", "tracing").contains(observations)) {
			throw new IllegalArgumentException("observations: " + observations + " (expected: off, metrics or tracing)");
		}
		if (observations.equals("off")) {
			return ObservationRegistry.NOOP;
		}
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(new SimpleMeterRegistry()));
		if (observations.equals("tracing")) {
			Tracing tracing = Tracing.newBuilder()
				.localServiceName(service)
				.sampler(Sampler.ALWAYS_SAMPLE)
				.currentTraceContext(ThreadLocalCurrentTraceContext.create())
				.addSpanHandler(new SpanHandler() {
					@Override
					public boolean end(brave.propagation.TraceContext context, MutableSpan span, Cause cause) {
						spansReported.increment();
						return true;
					}
				})
				.build();
			closeables.add(tracing);
			BraveTracer tracer = new BraveTracer(tracing.tracer(),
					new BraveCurrentTraceContext(tracing.currentTraceContext()), new BraveBaggageManager());
			BravePropagator propagator = new BravePropagator(tracing);
			registry.observationConfig()
				.observationHandler(new FirstMatchingCompositeObservationHandler(
						new PropagatingSenderTracingObservationHandler<>(tracer, propagator),
						new PropagatingReceiverTracingObservationHandler<>(tracer, propagator),
						new DefaultTracingObservationHandler(tracer)));
		}
		return registry;
	}
}
