package io.casty.spring.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.casty.client.ClusterClient;
import io.casty.client.EntityRef;
import io.casty.spring.testing.TestEntities;
import io.casty.spring.testing.TestNode;
import io.casty.testing.FreePorts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/** The indicator against a real node on loopback, in this JVM. */
class CastyHealthIndicatorTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final int port = FreePorts.next();

	private final List<AutoCloseable> closeables = new ArrayList<>();

	@AfterEach
	void closeAll() throws Exception {
		for (int i = this.closeables.size() - 1; i >= 0; i--) {
			this.closeables.get(i).close();
		}
	}

	private TestNode startNode(boolean hostOrders) {
		TestNode node = TestNode.start(this.port, hostOrders);
		this.closeables.add(node);
		return node;
	}

	private ClusterClient startClient() {
		ClusterClient client = ClusterClient.builder()
			.systemName(TestNode.SYSTEM_NAME)
			.contactPoints("127.0.0.1:" + this.port)
			.registerMessages(TestEntities.MESSAGES)
			.reconnectBackoff(Duration.ofMillis(20), Duration.ofMillis(200))
			.subscriptionTimeout(Duration.ofSeconds(2))
			.build();
		this.closeables.add(client);
		return client;
	}

	/** The client turns CONNECTED just after the first topology arrives; wait for both. */
	private static void awaitConnected(ClusterClient client) {
		await().atMost(TIMEOUT).until(() -> client.state().isConnected());
	}

	private static CastyHealthIndicator indicator(ClusterClient client, Duration maxTopologyAge) {
		List<EntityRef<?>> refs = List.of(client.entityRef(TestEntities.LOYALTY, TestEntities.LOYALTY_SHARDS),
				client.entityRef(TestEntities.ORDERS, TestEntities.ORDERS_SHARDS));
		return new CastyHealthIndicator(client, refs, maxTopologyAge);
	}

	private static CastyHealthIndicator indicator(ClusterClient client) {
		return indicator(client, Duration.ofSeconds(2));
	}

	@Test
	void connectedClientOfAClusterHostingEveryTypeIsUpWithMembersAndShardCounts() {
		TestNode node = startNode(true);
		ClusterClient client = startClient();
		CastyHealthIndicator indicator = indicator(client);

		await().atMost(TIMEOUT).until(() -> indicator.health().getStatus(), Status.UP::equals);

		Map<String, Object> details = indicator.health().getDetails();
		assertThat(details).containsEntry("systemName", TestNode.SYSTEM_NAME)
			.containsEntry("contactPoint", node.hostPort())
			.containsEntry("status", "CONNECTED")
			.containsEntry("members", List.of(Map.of("address", node.hostPort(), "nodeId", "node-1", "status", "UP")))
			.containsEntry("unreachable", List.of())
			.containsEntry("leader", node.hostPort())
			.containsEntry("shards",
					Map.of(TestEntities.LOYALTY, Map.of("allocated", 10, "total", 10), TestEntities.ORDERS,
							Map.of("allocated", 4, "total", 4)))
			.containsEntry("bufferedMessages", 0)
			.containsEntry("inFlightAsks", 0)
			.containsKeys("epoch", "topologyAgeMs", "connectedNodes")
			.doesNotContainKeys("reason", "lastError");
	}

	@Test
	void clientOfAClusterThatDoesNotHostATypeIsDownNamingTheType() {
		startNode(false);
		ClusterClient client = startClient();
		awaitConnected(client);

		Health health = indicator(client).health();

		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("reason", "shard type 'orders' is not hosted by the cluster, which hosts [loyalty]")
			.containsEntry("shards", Map.of(TestEntities.LOYALTY, Map.of("allocated", 10, "total", 10),
					TestEntities.ORDERS, Map.of("allocated", 0, "total", 4)));
	}

	@Test
	void clientWhoseShardCountDiffersFromTheClustersIsDown() {
		startNode(true);
		ClusterClient client = startClient();
		awaitConnected(client);
		CastyHealthIndicator indicator = new CastyHealthIndicator(client,
				List.of(client.entityRef(TestEntities.LOYALTY, 12)), Duration.ofSeconds(2));

		assertThat(indicator.health().getDetails()).containsEntry("reason",
				"shard type 'loyalty' has 10 shards in the cluster but 12 in this client");
	}

	@Test
	void clientThatNeverReachedTheClusterIsDownWithTheLastError() {
		ClusterClient client = startClient();
		CastyHealthIndicator indicator = indicator(client);

		await().atMost(TIMEOUT).until(() -> indicator.health().getDetails().containsKey("lastError"));

		Health health = indicator.health();
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("status", "CONNECTING")
			.containsEntry("reason", "the client is CONNECTING")
			.containsEntry("shards", Map.of(TestEntities.LOYALTY, Map.of("allocated", 0, "total", 10),
					TestEntities.ORDERS, Map.of("allocated", 0, "total", 4)))
			.doesNotContainKeys("members", "contactPoint", "topologyAgeMs");
		assertThat((String) health.getDetails().get("lastError")).contains("Connection refused");
	}

	@Test
	void clientThatLostTheClusterIsDownUntilTheClusterIsBack() {
		TestNode node = startNode(true);
		ClusterClient client = startClient();
		CastyHealthIndicator indicator = indicator(client);
		await().atMost(TIMEOUT).until(() -> indicator.health().getStatus(), Status.UP::equals);

		node.close();

		await().atMost(TIMEOUT).until(() -> indicator.health().getStatus(), Status.DOWN::equals);
		assertThat(indicator.health().getDetails()).containsEntry("status", "RECONNECTING")
			.containsEntry("reason", "the client is RECONNECTING");

		startNode(true);

		await().atMost(TIMEOUT).until(() -> indicator.health().getStatus(), Status.UP::equals);
	}

	@Test
	void topologyOlderThanTheMaximumAgeIsDown() {
		startNode(true);
		ClusterClient client = startClient();
		awaitConnected(client);

		Health health = indicator(client, Duration.ofNanos(1)).health();

		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat((String) health.getDetails().get("reason")).matches(
				"the topology is \\d+ ms old, more than the subscription timeout of 0 ms");
	}

	@Test
	void closedClientIsDown() {
		ClusterClient client = startClient();
		CastyHealthIndicator indicator = indicator(client);

		client.close();

		assertThat(indicator.health().getStatus()).isEqualTo(Status.DOWN);
		assertThat(indicator.health().getDetails()).containsEntry("reason", "the client is CLOSED");
	}

}
