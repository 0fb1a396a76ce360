package io.casty.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.casty.client.TestEntities.AddAndGet;
import io.casty.client.TestEntities.CounterCommand;
import io.casty.client.TestEntities.Ignore;
import io.casty.client.TestEntities.Where;
import io.casty.testing.FreePorts;
import io.casty.topology.MemberStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Three node processes on 127.0.0.1-3, a client in this JVM, and the ways nodes go away:
 * SIGKILL, SIGTERM, the contact point dying, the whole cluster restarting. After every test,
 * the entity lifecycle events of all processes must show no entity running on two nodes at once.
 */
class ClusterFailoverIT {

	private static final Logger logger = LoggerFactory.getLogger(ClusterFailoverIT.class);

	private static final String SYSTEM = "failover";

	private static final Duration READY = Duration.ofSeconds(60);

	private static final Duration SUBSCRIPTION_TIMEOUT = Duration.ofSeconds(2);

	private final int[] ports = { FreePorts.next(), FreePorts.next(), FreePorts.next() };

	private final List<NodeProcess> nodes = new ArrayList<>();

	private final List<NodeProcess> everyProcess = new ArrayList<>();

	private final List<ClusterClient> clients = new ArrayList<>();

	@BeforeEach
	void startCluster() throws Exception {
		startNodes();
	}

	private void startNodes() throws Exception {
		nodes.clear();
		nodes.add(startNode(0).awaitReady(READY));
		NodeProcess second = startNode(1);
		NodeProcess third = startNode(2);
		second.awaitReady(READY);
		third.awaitReady(READY);
		nodes.add(second);
		nodes.add(third);
	}

	private NodeProcess startNode(int index) {
		NodeProcess node = NodeProcess.start(SYSTEM, host(index), ports[index], "node-" + (index + 1),
				List.of(contactPoint(0)));
		everyProcess.add(node);
		return node;
	}

	private static String host(int index) {
		return "127.0.0." + (index + 1);
	}

	private String contactPoint(int index) {
		return host(index) + ":" + ports[index];
	}

	@AfterEach
	void stopEverything() throws Exception {
		clients.forEach(ClusterClient::close);
		for (NodeProcess node : everyProcess) {
			node.close();
		}
		assertNoEntityRanOnTwoNodesAtOnce();
	}

	private ClusterClient client(String... contactPoints) {
		ClusterClient client = ClusterClient.builder()
			.systemName(SYSTEM)
			.contactPoints(contactPoints)
			.registerMessages(TestEntities.MESSAGES)
			.subscriptionTimeout(SUBSCRIPTION_TIMEOUT)
			.reconnectBackoff(Duration.ofMillis(50), Duration.ofMillis(500))
			.build();
		clients.add(client);
		return client;
	}

	private static EntityRef<CounterCommand> counters(ClusterClient client) {
		return client.entityRef(TestEntities.SHARD_TYPE, TestEntities.NUM_SHARDS);
	}

	private static void awaitBalanced(ClusterClient client, int members) {
		Topologies.awaitShardsSpreadOver(client, members, Duration.ofSeconds(30));
	}

	private static String where(ClusterClient client, String entityId) {
		return counters(client).<String>ask(entityId, Where::new, Duration.ofSeconds(5)).join();
	}

	private static List<String> entities(int count) {
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			ids.add("entity-" + i);
		}
		return ids;
	}

	/** One ask's outcome: which entity, when it was sent, whether it was answered. */
	private record Outcome(String entityId, long sentMicros, boolean succeeded) {
	}

	/** Asks every entity in turn, a few at a time, until stopped; records every outcome. */
	private static final class Load {

		private final ClusterClient client;

		private final List<String> entityIds;

		private final List<Outcome> outcomes = new CopyOnWriteArrayList<>();

		private final List<CompletableFuture<?>> inFlight = new CopyOnWriteArrayList<>();

		private final PacedLoad load;

		private int next;

		Load(ClusterClient client, List<String> entityIds) {
			this.client = client;
			this.entityIds = entityIds;
			this.load = new PacedLoad("ask-load", Duration.ofMillis(50), this::askBatch);
		}

		private void askBatch() {
			EntityRef<CounterCommand> counters = counters(client);
			for (int i = 0; i < 6; i++) {
				String entityId = entityIds.get(next++ % entityIds.size());
				long sent = NodeProcess.nowMicros();
				CompletableFuture<Integer> reply = counters.ask(entityId, replyTo -> new AddAndGet(1, replyTo),
						Duration.ofSeconds(1));
				inFlight.add(reply.handle((total, error) -> outcomes.add(new Outcome(entityId, sent, error == null))));
			}
		}

		List<Outcome> stop() throws InterruptedException {
			load.stop();
			CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).join();
			return outcomes.stream().sorted(Comparator.comparingLong(Outcome::sentMicros)).toList();
		}
	}

	/** The longest time, from {@code fromMicros}, until every entity answered again for good. */
	private static double recoveryWindowSeconds(List<Outcome> outcomes, Set<String> entityIds, long fromMicros) {
		long worst = 0;
		for (String entityId : entityIds) {
			long lastFailure = outcomes.stream()
				.filter(outcome -> outcome.entityId().equals(entityId) && !outcome.succeeded())
				.mapToLong(Outcome::sentMicros)
				.max()
				.orElse(fromMicros);
			long recovered = outcomes.stream()
				.filter(outcome -> outcome.entityId().equals(entityId) && outcome.succeeded()
						&& outcome.sentMicros() > lastFailure)
				.mapToLong(Outcome::sentMicros)
				.min()
				.orElseThrow(() -> new AssertionError(entityId + " never answered again"));
			worst = Math.max(worst, recovered - fromMicros);
		}
		return worst / 1_000_000.0;
	}

	@Test
	void sigkillOfANodeInterruptsOnlyItsShardsForABoundedWindow() throws Exception {
		ClusterClient client = client(contactPoint(0), contactPoint(1), contactPoint(2));
		awaitBalanced(client, 3);
		List<String> ids = entities(30);
		Map<String, String> placement = new HashMap<>();
		ids.forEach(id -> placement.put(id, where(client, id)));
		NodeProcess victim = nodes.get(2);
		Set<String> victimEntities = new HashSet<>();
		placement.forEach((id, node) -> {
			if (node.equals(victim.nodeId())) {
				victimEntities.add(id);
			}
		});
		assertThat(victimEntities).isNotEmpty();
		Load load = new Load(client, ids);
		await().until(() -> load.outcomes.size() > 100);
		// Asks the victim's entities never answer, with a timeout far beyond the test's.
		List<CompletableFuture<Integer>> unanswered = victimEntities.stream()
			.map(id -> counters(client).<Integer>ask(id, Ignore::new, Duration.ofMinutes(5)))
			.toList();

		victim.kill();
		long killed = victim.endedAtMicros();
		assertThat(unanswered).allSatisfy(ask -> assertThatThrownBy(ask::join).cause()
			.isInstanceOf(ReplyLostException.class)
			.hasMessageContaining("closed before the reply"));
		double lostAfter = (NodeProcess.nowMicros() - killed) / 1e6;
		logger.info("Asks in flight to the killed node failed as lost {} s after the SIGKILL",
				String.format("%.3f", lostAfter));
		assertThat(lostAfter).as("seconds until asks in flight to the killed node failed").isLessThan(5.0);
		await().atMost(Duration.ofSeconds(30)).until(() -> load.outcomes.stream()
			.filter(outcome -> outcome.sentMicros() > killed + 1_000_000)
			.filter(outcome -> victimEntities.contains(outcome.entityId()))
			.count() > 3 * victimEntities.size()
				&& load.outcomes.stream()
					.filter(outcome -> victimEntities.contains(outcome.entityId()) && outcome.sentMicros() > killed)
					.reduce((first, second) -> second)
					.map(Outcome::succeeded)
					.orElse(false));
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(victimEntities)
			.allSatisfy(id -> assertThat(lastOutcome(load.outcomes, id)).isTrue()));
		List<Outcome> outcomes = load.stop();

		List<Outcome> othersFailed = outcomes.stream()
			.filter(outcome -> !victimEntities.contains(outcome.entityId()) && !outcome.succeeded())
			.toList();
		assertThat(othersFailed).as("asks for shards of the surviving nodes that failed").isEmpty();
		double window = recoveryWindowSeconds(outcomes, victimEntities, killed);
		logger.info("SIGKILL failover window: {} s until every entity of the killed node answered again "
				+ "({} asks, {} failed, all for the killed node's shards)", String.format("%.2f", window), outcomes.size(),
				outcomes.stream().filter(outcome -> !outcome.succeeded()).count());
		System.out.printf("SIGKILL failover window: %.2f s%n", window);
		assertThat(window).isLessThan(15.0);
		assertThat(client.topology().orElseThrow().members())
			.anyMatch(member -> member.nodeId().equals(victim.nodeId()) && member.status() == MemberStatus.DOWN);
	}

	private static boolean lastOutcome(List<Outcome> outcomes, String entityId) {
		return outcomes.stream()
			.filter(outcome -> outcome.entityId().equals(entityId))
			.reduce((first, second) -> second)
			.map(Outcome::succeeded)
			.orElse(false);
	}

	@Test
	void sigtermOfANodeMovesItsShardsWithoutAFailedAsk() throws Exception {
		ClusterClient client = client(contactPoint(0), contactPoint(1), contactPoint(2));
		awaitBalanced(client, 3);
		List<String> ids = entities(30);
		Load load = new Load(client, ids);
		await().until(() -> load.outcomes.size() > 100);

		NodeProcess leaving = nodes.get(2);
		leaving.terminate(Duration.ofSeconds(30));
		awaitBalanced(client, 2);
		long left = NodeProcess.nowMicros();
		await().until(() -> load.outcomes.stream().filter(outcome -> outcome.sentMicros() > left).count() > 100);
		List<Outcome> outcomes = load.stop();

		assertThat(outcomes.stream().filter(outcome -> !outcome.succeeded()).toList()).as("failed asks").isEmpty();
		assertThat(ids).allSatisfy(id -> assertThat(where(client, id)).isNotEqualTo(leaving.nodeId()));
	}

	@Test
	void whenItsOnlyContactPointDiesTheClientResubscribesAtALearnedMember() throws Exception {
		ClusterClient client = client(contactPoint(0));
		awaitBalanced(client, 3);
		assertThat(client.state().contactPoint()).hasValueSatisfying(
				contact -> assertThat(contact.hostPort()).isEqualTo(contactPoint(0)));

		long killed = System.nanoTime();
		nodes.get(0).kill();

		await().atMost(SUBSCRIPTION_TIMEOUT.plusSeconds(1)).until(() -> client.state().contactPoint()
			.map(contact -> !contact.hostPort().equals(contactPoint(0)))
			.orElse(false));
		logger.info("Re-subscribed at {} {} ms after the contact point was killed",
				client.state().contactPoint().orElseThrow(), (System.nanoTime() - killed) / 1_000_000);
		awaitBalanced(client, 2);
		for (String id : entities(20)) {
			assertThat(counters(client).<Integer>ask(id, replyTo -> new AddAndGet(1, replyTo)).join()).isPositive();
		}
	}

	@Test
	void theClientSurvivesAFullClusterRestart() throws Exception {
		ClusterClient client = client(contactPoint(0), contactPoint(1), contactPoint(2));
		awaitBalanced(client, 3);
		assertThat(where(client, "entity-1")).startsWith("node-");

		for (NodeProcess node : nodes) {
			node.kill();
		}
		await().until(() -> client.state().status() == ClientState.Status.RECONNECTING);
		startNodes();

		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			assertThat(client.state().isConnected()).isTrue();
			assertThat(client.topology()).hasValueSatisfying(topology -> assertThat(topology.upMembers()).hasSize(3));
		});
		awaitBalanced(client, 3);
		for (String id : entities(20)) {
			assertThat(counters(client).<Integer>ask(id, replyTo -> new AddAndGet(1, replyTo)).join())
				.as("a fresh cluster starts every entity at zero").isEqualTo(1);
		}
	}

	/** Every entity's lifetimes, across every process, must not overlap. */
	private void assertNoEntityRanOnTwoNodesAtOnce() {
		EntityLifetimes lifetimes = new EntityLifetimes(everyProcess);
		assertThat(lifetimes.entities()).as("entities whose lifecycle events were collected").isPositive();
		assertThat(lifetimes.overlaps()).as("entities that ran on two nodes at once").isEmpty();
	}
}
