package io.casty.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.casty.client.TestEntities.Add;
import io.casty.client.TestEntities.AddAndGet;
import io.casty.client.TestEntities.CounterCommand;
import io.casty.client.TestEntities.Get;
import io.casty.client.TestEntities.Ignore;
import io.casty.actor.ActorSystem;
import io.casty.actor.NodeAddress;
import io.casty.cluster.ClusteredActorSystem;
import io.casty.cluster.EntityType;
import io.casty.protocol.ProtocolMessages;
import io.casty.remote.NettyTransport;
import io.casty.remote.TransportSettings;
import io.casty.serialization.UnregisteredMessageClassException;
import io.casty.sharding.ShardEnvelope;
import io.casty.testing.FreePorts;
import io.casty.testing.LogCapture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A client against a real node on loopback (in this JVM; {@link RemoteNodeIT} uses another JVM). */
class ClusterClientTest {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	/** Long enough for the assertions made while such asks must still be in flight. */
	private static final Duration SILENT_TIMEOUT = Duration.ofSeconds(2);

	private final int port = FreePorts.next();

	private final List<AutoCloseable> closeables = new ArrayList<>();

	@AfterEach
	void closeAll() throws Exception {
		for (int i = closeables.size() - 1; i >= 0; i--) {
			closeables.get(i).close();
		}
	}

	private ClusteredActorSystem startNode() {
		ClusteredActorSystem node = ClusteredActorSystem.builder("test-cluster")
			.port(port)
			.nodeId("node-1")
			.registerMessages(TestEntities.MESSAGES)
			.start();
		node.shardRegion(EntityType.of(TestEntities.SHARD_TYPE, TestEntities.NUM_SHARDS, TestEntities::counter));
		closeables.add(node);
		return node;
	}

	private ClusterClient startClient(ClusterClient.Builder builder) {
		ClusterClient client = builder.build();
		closeables.add(client);
		return client;
	}

	private ClusterClient.Builder clientBuilder() {
		return ClusterClient.builder()
			.systemName("test-cluster")
			.contactPoints("127.0.0.1:" + port)
			.registerMessages(TestEntities.MESSAGES)
			.reconnectBackoff(Duration.ofMillis(20), Duration.ofMillis(200));
	}

	private static void awaitAllocated(ClusterClient client) {
		await().atMost(TIMEOUT).until(() -> client.topology()
			.flatMap(topology -> topology.allocation(TestEntities.SHARD_TYPE))
			.map(allocation -> allocation.isFullyAllocated())
			.orElse(false));
	}

	private static CompletableFuture<Integer> total(ClusterClient client, String entityId, Duration timeout) {
		EntityRef<CounterCommand> counters = client.entityRef(TestEntities.SHARD_TYPE, TestEntities.NUM_SHARDS);
		return client.ask(counters, replyTo -> new ShardEnvelope<>(entityId, new Get(replyTo)), timeout);
	}

	@Test
	void tellsAreAppliedAndAsksReturnTheEntitysAnswer() {
		startNode();
		ClusterClient client = startClient(clientBuilder());
		EntityRef<CounterCommand> counters = client.entityRef(TestEntities.SHARD_TYPE, TestEntities.NUM_SHARDS);

		for (int i = 0; i < 100; i++) {
			counters.tell(new ShardEnvelope<>("entity-" + (i % 10), new Add(i)));
		}

		for (int entity = 0; entity < 10; entity++) {
			int expected = 0;
			for (int i = entity; i < 100; i += 10) {
				expected += i;
			}
			assertThat(total(client, "entity-" + entity, TIMEOUT).join()).isEqualTo(expected);
		}
		assertThat(client.topology()).hasValueSatisfying(topology -> {
			assertThat(topology.members()).hasSize(1);
			assertThat(topology.allocation(TestEntities.SHARD_TYPE).orElseThrow().isFullyAllocated()).isTrue();
		});
	}

	@Test
	void callbacksOnAnAskNeverRunOnANetworkThread() {
		startNode();
		ClusterClient client = startClient(clientBuilder());
		awaitAllocated(client);
		EntityRef<CounterCommand> counters = client.entityRef(TestEntities.SHARD_TYPE, TestEntities.NUM_SHARDS);

		List<CompletableFuture<String>> threads = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			CompletableFuture<Integer> reply = counters.ask("entity-" + i, replyTo -> new AddAndGet(1, replyTo));
			// Added while the ask may still be in flight, and chained: each stage reports its thread.
			threads.add(reply.thenApply(total -> Thread.currentThread().getName()));
			threads.add(reply.whenComplete((total, error) -> { }).thenApply(total -> Thread.currentThread().getName()));
			threads.add(reply.handle((total, error) -> Thread.currentThread().getName()));
		}
		CompletableFuture<Integer> done = counters.ask("entity-0", replyTo -> new AddAndGet(1, replyTo));
		done.join();
		threads.add(done.thenApply(total -> Thread.currentThread().getName()));

		assertThat(threads).allSatisfy(thread -> assertThat(thread.join()).doesNotContain("-io-").contains("dispatcher"));
	}

	@Test
	void withBusyWaitOnBlockedCallersStillGetEveryAnswerAndTimeouts() throws Exception {
		startNode();
		ClusterClient client = startClient(clientBuilder().askBusyWait(Duration.ofMillis(1)));
		awaitAllocated(client);
		EntityRef<CounterCommand> counters = client.entityRef(TestEntities.SHARD_TYPE, TestEntities.NUM_SHARDS);

		for (int i = 1; i <= 200; i++) {
			CompletableFuture<Integer> total = counters.ask("spun", replyTo -> new AddAndGet(1, replyTo));
			assertThat(i % 2 == 0 ? total.join() : total.get(5, TimeUnit.SECONDS)).isEqualTo(i);
		}
		CompletableFuture<Integer> silent = client.ask(counters, replyTo -> new ShardEnvelope<>("silent", new Ignore(replyTo)),
				Duration.ofMillis(100));
		assertThatThrownBy(silent::join).cause().isInstanceOf(AskTimeoutException.class);
	}

	@Test
	void messagesSentBeforeTheTopologyArrivesWaitAndAreDelivered() {
		ClusterClient client = startClient(clientBuilder());
		EntityRef<CounterCommand> counters = client.entityRef(TestEntities.SHARD_TYPE, TestEntities.NUM_SHARDS);
		counters.tell("early", new Add(7));
		CompletableFuture<Integer> total = total(client, "early", TIMEOUT);

		startNode();

		assertThat(total.join()).isEqualTo(7);
	}

	@Test
	void askToAnEntityThatNeverRepliesFailsWithATimeoutAfterTheTimeout() {
		startNode();
		ClusterClient client = startClient(clientBuilder());
		awaitAllocated(client);
		EntityRef<CounterCommand> counters = client.entityRef(TestEntities.SHARD_TYPE, TestEntities.NUM_SHARDS);
		long started = System.nanoTime();

		CompletableFuture<Integer> reply = client.ask(counters,
				replyTo -> new ShardEnvelope<>("silent", new Ignore(replyTo)), Duration.ofMillis(300));

		assertThatThrownBy(reply::join).isInstanceOf(CompletionException.class)
			.cause()
			.isInstanceOf(AskTimeoutException.class)
			.hasMessageContaining("entity 'silent' of 'counter' within 300 ms");
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
	}

	@Test
	void askWithNoReachableClusterFailsWithClusterUnavailable() {
		ClusterClient client = startClient(clientBuilder());

		CompletableFuture<Integer> reply = total(client, "nobody-home", Duration.ofMillis(500));

		assertThatThrownBy(reply::join).isInstanceOf(CompletionException.class)
			.cause()
			.isInstanceOf(ClusterUnavailableException.class)
			.hasMessageContaining("not connected to cluster 'test-cluster'")
			.hasMessageContaining("127.0.0.1:" + port)
			.hasMessageContaining("Connection refused");
		assertThatThrownBy(() -> client.awaitTopology(Duration.ofMillis(100)))
			.isInstanceOf(ClusterUnavailableException.class);
	}

	@Test
	void anAskThatTimedOutWaitingForItsShardIsNeverDeliveredLater() {
		ClusterClient client = startClient(clientBuilder());
		EntityRef<CounterCommand> counters = client.entityRef(TestEntities.SHARD_TYPE, TestEntities.NUM_SHARDS);
		CompletableFuture<Integer> expired = client.ask(counters,
				replyTo -> new ShardEnvelope<>("late", new AddAndGet(5, replyTo)), Duration.ofMillis(200));
		assertThatThrownBy(expired::join).cause().isInstanceOf(ClusterUnavailableException.class);
		assertThat(client.state().bufferedMessages()).isZero();

		startNode();

		assertThat(total(client, "late", TIMEOUT).join()).as("the expired AddAndGet never ran").isZero();
	}

	@Test
	void sendingAnUnregisteredMessageFailsAtTheSenderNamingTheClass() {
		record NotRegistered(int value) implements java.io.Serializable {
		}
		ClusterClient client = startClient(clientBuilder());
		EntityRef<Object> ref = client.entityRef("anything", 4);

		assertThatThrownBy(() -> ref.tell("entity", new NotRegistered(1)))
			.isInstanceOf(UnregisteredMessageClassException.class)
			.hasMessageContaining(NotRegistered.class.getName());
	}

	@Test
	void entityRefsAreCachedPerTypeAndShardCountsMustAgree() {
		ClusterClient client = startClient(clientBuilder());

		assertThat(client.<CounterCommand>entityRef("counter", 10)).isSameAs(client.entityRef("counter", 10));
		assertThatThrownBy(() -> client.entityRef("counter", 12)).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("already used with 10 shards");
	}

	@Test
	void aShardCountThatDiffersFromTheClustersIsRejectedAtTell() {
		startNode();
		ClusterClient client = startClient(clientBuilder());
		awaitAllocated(client);
		EntityRef<CounterCommand> wrong = client.entityRef(TestEntities.SHARD_TYPE, 12);

		assertThatThrownBy(() -> wrong.tell("e", new Add(1))).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("has 10 shards in the cluster, but this client uses 12");
	}

	@Test
	void aShardTypeTheClusterDoesNotHostFailsAtOnceNamingTheTypesItHosts() {
		startNode();
		ClusterClient client = startClient(clientBuilder());
		awaitAllocated(client);
		EntityRef<CounterCommand> misspelt = client.entityRef("countr", TestEntities.NUM_SHARDS);
		String reason = "Shard type 'countr' is not hosted by the cluster, which hosts [" + TestEntities.SHARD_TYPE + "]";

		assertThatThrownBy(() -> misspelt.tell("e", new Add(1))).isInstanceOfSatisfying(UnknownShardTypeException.class,
				(unknown) -> assertThat(unknown.hostedShardTypes()).containsExactly(TestEntities.SHARD_TYPE))
			.hasMessageStartingWith(reason);
		long started = System.nanoTime();
		CompletableFuture<Integer> ask = client.ask(misspelt, replyTo -> new ShardEnvelope<>("e", new Get(replyTo)),
				Duration.ofSeconds(30));
		assertThatThrownBy(ask::join).hasCauseInstanceOf(UnknownShardTypeException.class).hasMessageContaining(reason);
		assertThat(Duration.ofNanos(System.nanoTime() - started)).as("failed at once, not at the timeout")
			.isLessThan(Duration.ofSeconds(5));
	}

	@Test
	void aFullBufferRejectsTheMessageWithATypedError() {
		ClusterClient client = startClient(clientBuilder().bufferSize(2));
		EntityRef<CounterCommand> counters = client.entityRef(TestEntities.SHARD_TYPE, TestEntities.NUM_SHARDS);
		counters.tell("a", new Add(1));
		counters.tell("b", new Add(1));

		assertThatThrownBy(() -> counters.tell("c", new Add(1))).isInstanceOf(ClientBufferFullException.class)
			.hasMessageContaining("2 messages already wait");
	}

	private static CompletableFuture<Integer> silent(ClusterClient client, String entityId, Duration timeout) {
		EntityRef<CounterCommand> counters = client.entityRef(TestEntities.SHARD_TYPE, TestEntities.NUM_SHARDS);
		return client.ask(counters, replyTo -> new ShardEnvelope<>(entityId, new Ignore(replyTo)), timeout);
	}

	/** Asks that entities never answer, with a timeout beyond any test's, sent and in flight. */
	private static List<CompletableFuture<Integer>> silentAsksInFlight(ClusterClient client, int count) {
		List<CompletableFuture<Integer>> asks = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			asks.add(silent(client, "entity-" + i, Duration.ofMinutes(5)));
		}
		await().until(() -> client.state().inFlightAsks() == count);
		return asks;
	}

	private static ClusterClientListener recordingOutcomes(List<AskOutcome> outcomes) {
		return new ClusterClientListener() {
			@Override
			public void askCompleted(String shardType, Duration latency, AskOutcome outcome) {
				outcomes.add(outcome);
			}
		};
	}

	@Test
	void anAskBeyondTheInFlightLimitFailsAtOnceUnsentAndTheLimitFreesUpAsAsksEnd() {
		startNode();
		List<AskOutcome> outcomes = new CopyOnWriteArrayList<>();
		ClusterClient client = startClient(clientBuilder().maxInFlightAsks(3).listener(recordingOutcomes(outcomes)));
		awaitAllocated(client);
		EntityRef<CounterCommand> counters = client.entityRef(TestEntities.SHARD_TYPE, TestEntities.NUM_SHARDS);
		List<CompletableFuture<Integer>> pending = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			pending.add(silent(client, "silent-" + i, SILENT_TIMEOUT));
		}
		assertThat(pending).noneMatch(CompletableFuture::isDone);
		assertThat(client.state().inFlightAsks()).isEqualTo(3);

		AtomicBoolean built = new AtomicBoolean();
		CompletableFuture<Integer> refused;
		try (LogCapture log = LogCapture.of(ClusterClient.class.getName())) {
			refused = client.ask(counters, replyTo -> {
				built.set(true);
				return new ShardEnvelope<>("x", new AddAndGet(5, replyTo));
			}, TIMEOUT);
			CompletableFuture<Integer> refusedAgain = total(client, "x", TIMEOUT);

			assertThat(refused).isCompletedExceptionally();
			assertThat(refusedAgain).isCompletedExceptionally();
			assertThat(log.messages().stream().filter(line -> line.startsWith("WARN")))
				.singleElement(InstanceOfAssertFactories.STRING)
				.contains("Refused an ask", "3 asks in flight", "casty.client.max-in-flight-asks");
		}
		assertThat(built).as("the refused ask's request was never even built").isFalse();
		assertThatThrownBy(refused::join).isInstanceOf(CompletionException.class)
			.cause()
			.isInstanceOf(AskLimitExceededException.class)
			.hasMessageContaining("already has 3 asks in flight")
			.hasMessageContaining("maxInFlightAsks")
			.hasMessageContaining("casty.client.max-in-flight-asks")
			.hasMessageContaining("Slow down");
		assertThat(refused.handle((total, error) -> Thread.currentThread().getName()).join())
			.as("callbacks on a refused ask run on the client's executor too")
			.contains("dispatcher");
		assertThat(client.state().inFlightAsks()).isEqualTo(3);

		assertThat(pending).allSatisfy(ask -> assertThatThrownBy(ask::join).cause()
			.isInstanceOf(AskTimeoutException.class));
		assertThat(client.state().inFlightAsks()).isZero();
		assertThat(total(client, "x", TIMEOUT).join()).as("a new ask is accepted; the refused AddAndGet never ran")
			.isZero();
		await().untilAsserted(() -> assertThat(outcomes).containsExactlyInAnyOrder(AskOutcome.REJECTED,
				AskOutcome.REJECTED, AskOutcome.TIMEOUT, AskOutcome.TIMEOUT, AskOutcome.TIMEOUT, AskOutcome.SUCCESS));
	}

	@Test
	void theInFlightCountNeverDriftsWhateverWayAsksEnd() {
		startNode();
		int limit = 64;
		ClusterClient client = startClient(clientBuilder().maxInFlightAsks(limit));
		awaitAllocated(client);
		EntityRef<CounterCommand> counters = client.entityRef(TestEntities.SHARD_TYPE, TestEntities.NUM_SHARDS);

		// 1,000 asks pipelined: ask i is sent once ask i - 64 has ended, so exactly 64 may be in flight.
		List<CompletableFuture<Integer>> asks = new ArrayList<>();
		for (int i = 0; i < 1_000; i++) {
			if (i >= limit) {
				assertThat(asks.get(i - limit).join()).isEqualTo(i - limit + 1);
			}
			asks.add(counters.ask("pipelined", replyTo -> new AddAndGet(1, replyTo), TIMEOUT));
		}
		assertThat(asks.get(asks.size() - 1).join()).isEqualTo(1_000);
		// Asks whose request cannot be built end at once, with an error, and free their slot too.
		for (int i = 0; i < 10; i++) {
			CompletableFuture<Integer> broken = client.ask(counters, replyTo -> {
				throw new IllegalStateException("no request");
			}, TIMEOUT);
			assertThatThrownBy(broken::join).cause().isInstanceOf(IllegalStateException.class);
		}
		assertThat(client.state().inFlightAsks()).isZero();

		List<CompletableFuture<Integer>> pending = new ArrayList<>();
		for (int i = 0; i < limit; i++) {
			pending.add(silent(client, "silent-" + i, SILENT_TIMEOUT));
		}
		assertThat(pending).as("all %d asks accepted", limit).noneMatch(CompletableFuture::isDone);
		assertThat(silent(client, "one-too-many", TIMEOUT)).isCompletedExceptionally();
		assertThat(client.state().inFlightAsks()).isEqualTo(limit);
		pending.forEach(ask -> assertThatThrownBy(ask::join).cause().isInstanceOf(AskTimeoutException.class));
		assertThat(client.state().inFlightAsks()).isZero();
	}

	@Test
	void clientReconnectsWhenTheNodeRestartsOnTheSamePort() {
		ClusteredActorSystem node = startNode();
		ClusterClient client = startClient(clientBuilder());
		assertThat(total(client, "survivor", TIMEOUT).join()).isZero();

		node.close();
		await().until(() -> client.contactPoint().isEmpty());
		startNode();

		await().atMost(TIMEOUT).untilAsserted(() -> assertThat(total(client, "survivor", Duration.ofSeconds(1)).join()).isZero());
		// An ask can be answered over the new connection before the topology subscription is back on it.
		await().atMost(TIMEOUT).until(() -> client.contactPoint().isPresent());
	}

	@Test
	void asksSentOverAConnectionThatClosesFailAsLostShortlyNotAtTheirTimeout() {
		ClusteredActorSystem node = startNode();
		List<AskOutcome> outcomes = new CopyOnWriteArrayList<>();
		ClusterClient client = startClient(clientBuilder().listener(recordingOutcomes(outcomes)));
		awaitAllocated(client);
		List<CompletableFuture<Integer>> silent = silentAsksInFlight(client, 20);
		long closing = System.nanoTime();

		node.close();

		assertThat(silent).allSatisfy(ask -> assertThatThrownBy(ask::join).cause()
			.isInstanceOf(ReplyLostException.class)
			.hasMessageContaining("The connection to node 127.0.0.1:" + port + " closed before the reply from entity '")
			.hasMessageContaining("may or may not have processed the message"));
		assertThat(Duration.ofNanos(System.nanoTime() - closing)).isLessThan(TIMEOUT);
		assertThat(client.state().inFlightAsks()).isZero();
		await().untilAsserted(() -> assertThat(outcomes).hasSize(20).containsOnly(AskOutcome.LOST));
	}

	@Test
	void closeFailsAsksInFlightAndRejectsLaterUse() {
		ClusterClient client = clientBuilder().build();
		CompletableFuture<Integer> inFlight = total(client, "x", TIMEOUT);

		client.close();

		assertThatThrownBy(inFlight::join).cause().isInstanceOf(ClusterUnavailableException.class)
			.hasMessageContaining("closed");
		assertThatThrownBy(() -> client.entityRef("counter", 10).tell("x", new Add(1)))
			.isInstanceOf(IllegalStateException.class);
		await().untilAsserted(() -> assertThat(Thread.getAllStackTraces().keySet())
			.noneMatch(thread -> thread.getName().contains(client.address().host())
					|| thread.getName().startsWith("casty-client-timer")));
	}

	@Test
	void closeFailsAsksAlreadySentAtOnceNotAtTheirTimeout() {
		startNode();
		ClusterClient client = startClient(clientBuilder());
		awaitAllocated(client);
		List<CompletableFuture<Integer>> silent = silentAsksInFlight(client, 20);

		client.close();

		assertThat(silent).allSatisfy(ask -> assertThatThrownBy(ask::join).cause()
			.isInstanceOf(ClusterUnavailableException.class)
			.hasMessageContaining("closed"));
	}

	@Test
	void stateAndListenerFollowTheConnectionAndTheTraffic() {
		List<ClientState.Status> statuses = new java.util.concurrent.CopyOnWriteArrayList<>();
		List<AskOutcome> outcomes = new java.util.concurrent.CopyOnWriteArrayList<>();
		java.util.concurrent.atomic.AtomicInteger tells = new java.util.concurrent.atomic.AtomicInteger();
		ClusterClient client = startClient(clientBuilder().listener(new ClusterClientListener() {
			@Override
			public void stateChanged(ClientState state) {
				statuses.add(state.status());
			}

			@Override
			public void tellSent(String shardType) {
				tells.incrementAndGet();
			}

			@Override
			public void askCompleted(String shardType, Duration latency, AskOutcome outcome) {
				outcomes.add(outcome);
			}
		}));
		assertThat(client.state().status()).isEqualTo(ClientState.Status.CONNECTING);
		assertThat(client.state().topology()).isEmpty();

		ClusteredActorSystem node = startNode();
		client.awaitTopology(TIMEOUT);
		await().until(() -> client.state().isConnected());
		client.entityRef(TestEntities.SHARD_TYPE, TestEntities.NUM_SHARDS).tell("x", new Add(1));
		total(client, "x", TIMEOUT).join();
		EntityRef<CounterCommand> counters = client.entityRef(TestEntities.SHARD_TYPE, TestEntities.NUM_SHARDS);
		CompletableFuture<Integer> silent = client.ask(counters, replyTo -> new ShardEnvelope<>("x", new Ignore(replyTo)),
				Duration.ofMillis(100));
		assertThatThrownBy(silent::join).isNotNull();

		ClientState connected = client.state();
		assertThat(connected.contactPoint()).contains(node.address());
		assertThat(connected.connectedNodes()).isEqualTo(1);
		assertThat(connected.topologyAge()).hasValueSatisfying(age -> assertThat(age).isLessThan(TIMEOUT));
		assertThat(tells).hasValue(1);
		await().untilAsserted(() -> assertThat(outcomes).containsExactly(AskOutcome.SUCCESS, AskOutcome.TIMEOUT));

		node.close();
		await().until(() -> client.state().status() == ClientState.Status.RECONNECTING);
		assertThat(statuses).startsWith(ClientState.Status.CONNECTED).contains(ClientState.Status.RECONNECTING);
		assertThat(client.state().lastError()).isPresent();
	}

	@Test
	void aContactPointThatAcceptsButNeverSendsTopologyIsDroppedAfterTheSubscriptionTimeout() {
		ActorSystem mute = new ActorSystem(new NodeAddress("test-cluster", "127.0.0.1", port));
		NettyTransport muteTransport = new NettyTransport(mute, ProtocolMessages.registry().build(),
				TransportSettings.defaults());
		muteTransport.bind();
		closeables.add(mute);
		closeables.add(muteTransport);
		try (LogCapture log = LogCapture.of(TopologySubscription.class.getName())) {
			ClusterClient client = startClient(clientBuilder().subscriptionTimeout(Duration.ofMillis(400)));

			await().atMost(TIMEOUT)
				.until(() -> log.messages()
					.stream()
					.anyMatch(line -> line.contains("No topology from contact point 127.0.0.1:" + port + " for 400 ms")));
			assertThat(client.state().isConnected()).isFalse();
		}
	}

	@Test
	void withAClusterSecretOnlyClientsThatKnowItGetIn() {
		ClusteredActorSystem node = ClusteredActorSystem.builder("test-cluster")
			.port(port)
			.registerMessages(TestEntities.MESSAGES)
			.transport(TransportSettings.builder().clusterSecret("the cluster's own secret").build())
			.start();
		closeables.add(node);
		node.shardRegion(EntityType.of(TestEntities.SHARD_TYPE, TestEntities.NUM_SHARDS, TestEntities::counter));

		ClusterClient trusted = startClient(clientBuilder().clusterSecret("the cluster's own secret"));
		ClusterClient stranger = startClient(clientBuilder().clusterSecret("somebody else's secret"));

		assertThat(total(trusted, "vault", TIMEOUT).join()).isZero();
		assertThatThrownBy(() -> total(stranger, "vault", Duration.ofMillis(500)).join()).cause()
			.isInstanceOf(ClusterUnavailableException.class)
			.hasMessageContaining("failed to prove the cluster secret");
	}

	@Test
	void invalidSettingsAreRejectedNamingTheSetting() {
		assertThatThrownBy(() -> ClusterClient.builder().contactPoints("127.0.0.1:1").build())
			.hasMessageContaining("systemName is required");
		assertThatThrownBy(() -> ClusterClient.builder().systemName("s").build())
			.hasMessageContaining("contactPoints : [] (expected: at least one host:port)");
		assertThatThrownBy(() -> ClusterClient.builder().systemName("s").contactPoints("localhost").build())
			.hasMessageContaining("contact point : 'localhost' (expected: host:port)");
		assertThatThrownBy(() -> ClusterClient.builder().systemName("s").contactPoints("h:99999").build())
			.hasMessageContaining("port 1-65535");
		assertThatThrownBy(() -> ClusterClient.builder().askTimeout(Duration.ZERO))
			.hasMessageContaining("askTimeout : PT0S (expected: > 0)");
		assertThatThrownBy(() -> ClusterClient.builder().maxInFlightAsks(0)).isInstanceOf(IllegalArgumentException.class)
			.hasMessage("maxInFlightAsks : 0 (expected: > 0)");
		assertThatThrownBy(() -> ClusterClient.builder().askBusyWait(Duration.ofNanos(-1)))
			.hasMessage("askBusyWait : PT-0.000000001S (expected: >= 0, 0 to turn it off)");
		assertThatThrownBy(() -> ClusterClient.builder().askBusyWait(Duration.ofMillis(2)))
			.hasMessageStartingWith("askBusyWait : PT0.002S (expected: at most PT0.001S");
	}
}
