package io.casty.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import io.casty.actor.ActorRef;
import io.casty.actor.Behaviors;
import io.casty.client.TestEntities.DurableAdd;
import io.casty.client.TestEntities.DurableCommand;
import io.casty.cluster.ClusteredActorSystem;
import io.casty.cluster.EntityType;
import io.casty.persistence.Persistence;
import io.casty.persistence.jdbc.JdbcJournal;
import io.casty.protocol.ProtocolMessages;
import io.casty.sharding.ShardEnvelope;
import io.casty.testing.FreePorts;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler.FirstMatchingCompositeObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingReceiverTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingSenderTracingObservationHandler;
import io.micrometer.tracing.propagation.Propagator;
import io.micrometer.tracing.test.simple.SimpleSpan;
import io.micrometer.tracing.test.simple.SimpleTracer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A trace crossing from a client to the node that handled the request: client and node each
 * have their own in-memory tracer, as two processes would, and only the envelope carries the
 * trace between them.
 */
class RequestTracingTest {

	private static final String SHARD_TYPE = "traced";

	private static final int NUM_SHARDS = 4;

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	sealed interface Traced permits CurrentSpan, Touch, Silent {
	}

	/** Answers the trace and span ids current while the entity handles it, as {@code trace/span}. */
	record CurrentSpan(ActorRef<String> replyTo) implements Traced {
	}

	record Touch() implements Traced {
	}

	/** Never answered. */
	record Silent(ActorRef<String> replyTo) implements Traced {
	}

	private static final List<Class<?>> MESSAGES = List.of(CurrentSpan.class, Touch.class, Silent.class);

	private final int port = FreePorts.next();

	private final SimpleTracer clientTracer = new SimpleTracer();

	private final SimpleTracer nodeTracer = new SimpleTracer();

	private final ObservationRegistry clientRegistry = tracing(clientTracer);

	private final List<AutoCloseable> closeables = new ArrayList<>();

	@AfterEach
	void closeAll() throws Exception {
		for (int i = closeables.size() - 1; i >= 0; i--) {
			closeables.get(i).close();
		}
	}

	@Test
	void anAskIsAChildSpanOfTheCallersAndTheEntitysHandlingOnTheNodeIsItsChild() {
		startNode(tracing(nodeTracer));
		EntityRef<Traced> traced = startTracedClient(clientRegistry);

		String seenByEntity = inRequest(() -> traced.ask("user-1", CurrentSpan::new, TIMEOUT).join());

		SimpleSpan request = finishedSpan(clientTracer, "POST /points");
		SimpleSpan ask = finishedSpan(clientTracer, "ask traced");
		assertThat(ask.getTraceId()).isEqualTo(request.getTraceId()).isNotEmpty();
		assertThat(ask.getParentId()).isEqualTo(request.getSpanId());
		assertThat(ask.getKind()).isEqualTo(Span.Kind.CLIENT);
		assertThat(ask.getRemoteServiceName()).isEqualTo("test-cluster");
		assertThat(ask.getTags()).containsEntry("casty.operation", "ask")
			.containsEntry("casty.shard.type", SHARD_TYPE)
			.containsEntry("casty.message.type", "CurrentSpan")
			.containsEntry("casty.entity.id", "user-1");
		assertThat(ask.getError()).isNull();

		SimpleSpan handled = await().atMost(TIMEOUT).until(() -> finishedSpanOrNull(nodeTracer, "handle traced"),
				span -> span != null);
		assertThat(handled.getTraceId()).isEqualTo(request.getTraceId());
		assertThat(handled.getParentId()).isEqualTo(ask.getSpanId());
		assertThat(handled.getKind()).isEqualTo(Span.Kind.CONSUMER);
		assertThat(handled.getTags()).containsEntry("casty.node", "127.0.0.1:" + port)
			.containsEntry("casty.shard.type", SHARD_TYPE)
			.containsEntry("casty.message.type", "CurrentSpan")
			.containsEntry("casty.entity.id", "user-1");
		// The entity handled the message inside that span: it is what it saw as current.
		assertThat(seenByEntity).isEqualTo(handled.getTraceId() + "/" + handled.getSpanId());
	}

	@Test
	void aDurableAdditionIsPersistedInsideTheEntitysSpanWhetherItWaitedOrNot(@TempDir Path journalDirectory) {
		ObservationRegistry nodeRegistry = tracing(nodeTracer);
		startNode(nodeRegistry, durableCounters(nodeRegistry, journalDirectory));
		ClusterClient client = startClient(clientRegistry);
		EntityRef<DurableCommand> counters = client.entityRef(TestEntities.DURABLE_SHARD_TYPE,
				TestEntities.DURABLE_NUM_SHARDS);

		// The first waits for the entity to recover, the second for the first's append.
		CompletableFuture<Integer> first = inRequest(
				() -> counters.ask("user-6", replyTo -> new DurableAdd("key-1", 10, replyTo), TIMEOUT));
		CompletableFuture<Integer> second = inRequest(
				() -> counters.ask("user-6", replyTo -> new DurableAdd("key-2", 5, replyTo), TIMEOUT));
		assertThat(first.join()).isEqualTo(10);
		assertThat(second.join()).isEqualTo(15);

		List<SimpleSpan> asks = finishedSpans(clientTracer, "ask durable-counter");
		List<SimpleSpan> persists = await().atMost(TIMEOUT)
			.until(() -> finishedSpans(nodeTracer, "persist"), spans -> spans.size() == 2);
		List<SimpleSpan> handled = finishedSpans(nodeTracer, "handle durable-counter");
		assertThat(asks).hasSize(2);
		for (SimpleSpan persist : persists) {
			SimpleSpan parent = handled.stream()
				.filter(span -> span.getSpanId().equals(persist.getParentId()))
				.findFirst()
				.orElseThrow(() -> new AssertionError("no handling span is the parent of " + persist));
			SimpleSpan ask = asks.stream()
				.filter(span -> span.getSpanId().equals(parent.getParentId()))
				.findFirst()
				.orElseThrow(() -> new AssertionError("no ask is the parent of " + parent));
			assertThat(persist.getTraceId()).isEqualTo(ask.getTraceId());
			assertThat(persist.getTags()).containsEntry("casty.persistence.id", "durable-counter|user-6")
				.containsEntry("casty.persistence.events", "1");
			// Durable before answered: the append ended before the ask did.
			assertThat(persist.getEndTimestamp()).isBeforeOrEqualTo(ask.getEndTimestamp());
		}
		assertThat(persists).extracting(SimpleSpan::getTraceId).doesNotHaveDuplicates();
	}

	@Test
	void aTellCarriesTheTraceToTheEntityToo() {
		startNode(tracing(nodeTracer));
		EntityRef<Traced> traced = startTracedClient(clientRegistry);

		inRequest(() -> {
			traced.tell(new ShardEnvelope<>("user-2", new Touch()));
			return null;
		});

		SimpleSpan tell = finishedSpan(clientTracer, "tell traced");
		assertThat(tell.getKind()).isEqualTo(Span.Kind.PRODUCER);
		assertThat(tell.getTags()).containsEntry("casty.operation", "tell").containsEntry("casty.entity.id", "user-2");
		SimpleSpan handled = await().atMost(TIMEOUT).until(() -> finishedSpanOrNull(nodeTracer, "handle traced"),
				span -> span != null);
		assertThat(handled.getTraceId()).isEqualTo(tell.getTraceId());
		assertThat(handled.getParentId()).isEqualTo(tell.getSpanId());
		assertThat(handled.getTags()).containsEntry("casty.message.type", "Touch");
	}

	@Test
	void anAskThatTimesOutEndsItsSpanWithTheTimeout() {
		startNode(tracing(nodeTracer));
		EntityRef<Traced> traced = startTracedClient(clientRegistry);

		assertThatThrownBy(() -> inRequest(() -> traced.ask("user-3", Silent::new, Duration.ofMillis(300)).join()))
			.isInstanceOf(CompletionException.class)
			.hasCauseInstanceOf(AskTimeoutException.class);

		SimpleSpan ask = finishedSpan(clientTracer, "ask traced");
		assertThat(ask.getError()).isInstanceOf(AskTimeoutException.class);
	}

	@Test
	void aClientThatDoesNotTraceSendsPlainEnvelopesAndTheNodeStartsATraceOfItsOwn() {
		startNode(tracing(nodeTracer));
		EntityRef<Traced> traced = startTracedClient(ObservationRegistry.NOOP);

		String seenByEntity = traced.ask("user-4", CurrentSpan::new, TIMEOUT).join();

		SimpleSpan handled = await().atMost(TIMEOUT).until(() -> finishedSpanOrNull(nodeTracer, "handle traced"),
				span -> span != null);
		assertThat(handled.getParentId()).isNullOrEmpty();
		assertThat(seenByEntity).isEqualTo(handled.getTraceId() + "/" + handled.getSpanId());
		assertThat(clientTracer.getSpans()).isEmpty();
	}

	@Test
	void aNodeThatDoesNotTraceStillGivesItsEntitiesTheMessagesOfATracingClient() {
		startNode(ObservationRegistry.NOOP);
		EntityRef<Traced> traced = startTracedClient(clientRegistry);

		inRequest(() -> {
			assertThat(traced.ask("user-5", CurrentSpan::new, TIMEOUT).join()).isEqualTo("none");
			traced.tell(new ShardEnvelope<>("user-5", new Touch()));
			assertThat(traced.ask("user-5", CurrentSpan::new, TIMEOUT).join()).isEqualTo("none");
			return null;
		});

		assertThat(clientTracer.getSpans()).extracting(SimpleSpan::getName)
			.containsExactly("POST /points", "ask traced", "tell traced", "ask traced");
		assertThat(nodeTracer.getSpans()).isEmpty();
	}

	/**
	 * Runs {@code request} inside an observation of the client's registry, as a REST request is
	 * inside the web framework's: the client's requests become its children.
	 */
	private <T> T inRequest(Supplier<T> request) {
		return Observation.createNotStarted("http.server.requests", clientRegistry)
			.contextualName("POST /points")
			.observe(request);
	}

	private void startNode(ObservationRegistry registry) {
		startNode(registry, EntityType.<Traced>of(SHARD_TYPE, NUM_SHARDS, id -> Behaviors.receiveMessage(message -> {
			if (message instanceof CurrentSpan current) {
				Span span = nodeTracer.currentSpan();
				current.replyTo()
					.tell(span == null ? "none" : span.context().traceId() + "/" + span.context().spanId());
			}
			return Behaviors.same();
		})));
	}

	private void startNode(ObservationRegistry registry, EntityType<?> hosted) {
		ClusteredActorSystem node = ClusteredActorSystem.builder("test-cluster")
			.port(port)
			.nodeId("node-1")
			.registerMessages(MESSAGES)
			.registerMessages(TestEntities.MESSAGES)
			.observationRegistry(registry)
			.start();
		closeables.add(node);
		node.shardRegion(hosted);
	}

	/** The durable counters on an H2 journal, observing their appends in the node's registry. */
	private EntityType<DurableCommand> durableCounters(ObservationRegistry registry, Path directory) {
		HikariDataSource dataSource = new HikariDataSource();
		dataSource.setJdbcUrl("jdbc:h2:file:" + directory.resolve("journal"));
		closeables.add(dataSource);
		JdbcJournal journal = JdbcJournal.builder(dataSource).build();
		closeables.add(journal);
		Persistence persistence = Persistence
			.builder(journal, ProtocolMessages.registry().register(DurableCounter.JOURNAL_CLASSES).build())
			.observationRegistry(registry)
			.build();
		return DurableCounter.entityType(persistence, "node-1", TestEntities.Lifecycle.NONE);
	}

	private EntityRef<Traced> startTracedClient(ObservationRegistry registry) {
		return startClient(registry).entityRef(SHARD_TYPE, NUM_SHARDS);
	}

	private ClusterClient startClient(ObservationRegistry registry) {
		ClusterClient client = ClusterClient.builder()
			.systemName("test-cluster")
			.contactPoints("127.0.0.1:" + port)
			.registerMessages(MESSAGES)
			.registerMessages(TestEntities.MESSAGES)
			.observationRegistry(registry)
			.build();
		closeables.add(client);
		return client;
	}

	/** A registry whose observations become spans of {@code tracer}, propagated as in {@link HeaderPropagator}. */
	private static ObservationRegistry tracing(SimpleTracer tracer) {
		Propagator propagator = new HeaderPropagator(tracer);
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig()
			.observationHandler(new FirstMatchingCompositeObservationHandler(
					new PropagatingSenderTracingObservationHandler<>(tracer, propagator),
					new PropagatingReceiverTracingObservationHandler<>(tracer, propagator),
					new DefaultTracingObservationHandler(tracer)));
		return registry;
	}

	private static SimpleSpan finishedSpan(SimpleTracer tracer, String name) {
		SimpleSpan span = finishedSpanOrNull(tracer, name);
		assertThat(span).as("a finished span named '%s' among %s", name, tracer.getSpans()).isNotNull();
		return span;
	}

	private static SimpleSpan finishedSpanOrNull(SimpleTracer tracer, String name) {
		return finishedSpans(tracer, name).stream().findFirst().orElse(null);
	}

	private static List<SimpleSpan> finishedSpans(SimpleTracer tracer, String name) {
		return tracer.getSpans()
			.stream()
			.filter(span -> name.equals(span.getName()) && span.getEndTimestamp().toEpochMilli() != 0)
			.toList();
	}

	/**
	 * Writes a trace context as one {@code x-trace} header, {@code trace/span}, and reads it back:
	 * what B3 or W3C propagation does in a real tracer, which micrometer-tracing-test has none of.
	 */
	private record HeaderPropagator(SimpleTracer tracer) implements Propagator {

		private static final String HEADER = "x-trace";

		@Override
		public List<String> fields() {
			return List.of(HEADER);
		}

		@Override
		public <C> void inject(TraceContext context, C carrier, Setter<C> setter) {
			setter.set(carrier, HEADER, context.traceId() + "/" + context.spanId());
		}

		@Override
		public <C> Span.Builder extract(C carrier, Getter<C> getter) {
			String header = getter.get(carrier, HEADER);
			if (header == null) {
				return tracer.spanBuilder();
			}
			String[] ids = header.split("/");
			return tracer.spanBuilder()
				.setParent(tracer.traceContextBuilder().traceId(ids[0]).spanId(ids[1]).sampled(true).build());
		}
	}
}
