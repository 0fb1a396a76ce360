package io.casty.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import io.casty.client.ClusterClient;
import io.casty.client.EntityRef;
import io.casty.persistence.jdbc.H2ConnectionLoss;
import io.casty.sample.loyalty.AddPoints;
import io.casty.sample.loyalty.AddPointsAndConfirm;
import io.casty.sample.loyalty.GetPoints;
import io.casty.sample.loyalty.LoyaltyCommand;
import io.casty.sample.loyalty.LoyaltyMessages;
import io.casty.sample.loyalty.PointsConfirmation;
import io.casty.testing.FreePorts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The node application as users run it, in this JVM: its properties from application.yml, the
 * loyalty entity reached by a client, health and Prometheus over HTTP, and the graceful leave
 * when its context closes.
 */
class CastyNodeApplicationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private final HttpClient http = HttpClient.newHttpClient();

	private final JsonMapper json = JsonMapper.builder().build();

	private final NodeApps nodes = new NodeApps();

	@AfterEach
	void closeAll() throws Exception {
		this.nodes.close();
	}

	private ConfigurableApplicationContext startNode(String host, int port, String... extraArguments) {
		return this.nodes.start(host, port, extraArguments);
	}

	private static int httpPort(ConfigurableApplicationContext context) {
		return context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
	}

	private HttpResponse<String> get(ConfigurableApplicationContext context, String path) {
		try {
			return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort(context) + path)).build(),
					HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private JsonNode casty(ConfigurableApplicationContext context) {
		return this.json.readTree(get(context, "/actuator/health").body()).path("components").path("casty");
	}

	@Test
	void nodeWithDefaultConfigurationFoundsAClusterAndServesLoyaltyAccountsToClients() {
		int port = FreePorts.next();
		ConfigurableApplicationContext node = startNode("127.0.0.1", port);
		ClusterClient client = client(port, null);
		EntityRef<LoyaltyCommand> loyalty = client.entityRef(LoyaltyMessages.SHARD_TYPE, LoyaltyMessages.NUM_SHARDS);

		loyalty.tell("user-1", new AddPoints(100));
		loyalty.tell("user-1", new AddPoints(50));

		assertThat(loyalty.<Integer>ask("user-1", GetPoints::new, TIMEOUT).join()).isEqualTo(150);
		await().atMost(TIMEOUT).untilAsserted(() -> assertThat(casty(node).path("status").asString()).isEqualTo("UP"));
		JsonNode details = casty(node).path("details");
		assertThat(details.path("systemName").asString()).isEqualTo("loyalty-cluster");
		assertThat(details.path("nodeId").asString()).isEqualTo("127.0.0.1:" + port);
		assertThat(details.path("memberStatus").asString()).isEqualTo("UP");
		assertThat(details.path("members")).hasSize(1);
		assertThat(details.path("shards").path("loyalty").path("owned")).hasSize(LoyaltyMessages.NUM_SHARDS);
		assertThat(get(node, "/actuator/prometheus").body()).contains("casty_node_members{status=\"UP\"} 1.0")
			.contains("casty_node_shards_owned{shard_type=\"loyalty\"} 10.0")
			.contains("casty_node_unreachable 0.0")
			.contains("casty_node_forwarded_messages_total 0.0");
		assertThat(node.getBean(HikariDataSource.class).getExceptionOverrideClassName())
			.as("the journal's pool drops connections H2 says are lost")
			.isEqualTo(H2ConnectionLoss.class.getName());
	}

	@Test
	void accountsPassivatedWhileIdleRecoverTheirTotalsAndTheJournalReportsItsWork() {
		int port = FreePorts.next();
		ConfigurableApplicationContext node = startNode("127.0.0.1", port, "--casty.node.passivate-idle-after=500ms",
				"--casty.node.persistence.snapshot-every=2");
		EntityRef<LoyaltyCommand> loyalty = client(port, null).entityRef(LoyaltyMessages.SHARD_TYPE,
				LoyaltyMessages.NUM_SHARDS);
		for (int amount : new int[] { 100, 50, 25 }) {
			loyalty.<PointsConfirmation>ask("user-1", (replyTo) -> new AddPointsAndConfirm(amount, null, replyTo), TIMEOUT)
				.join();
		}
		await().atMost(TIMEOUT)
			.untilAsserted(() -> assertThat(get(node, "/actuator/prometheus").body())
				.contains("casty_node_entities_running{shard_type=\"loyalty\"} 0.0"));

		assertThat(loyalty.<Integer>ask("user-1", GetPoints::new, TIMEOUT).join()).isEqualTo(175);
		String metrics = get(node, "/actuator/prometheus").body();
		assertThat(metric(metrics, "casty_journal_append_latency_seconds_count")).isEqualTo(3);
		assertThat(metric(metrics, "casty_journal_batch_appends_count")).isGreaterThanOrEqualTo(1);
		assertThat(metric(metrics, "casty_entity_recovery_time_seconds_count")).as("recoveries: first start, after passivation")
			.isEqualTo(2);
		assertThat(metric(metrics, "casty_entity_recovery_events_total")).as("events after the snapshot at 2").isEqualTo(1);
		assertThat(metric(metrics, "casty_journal_appends_fenced_total")).isZero();
		JsonNode journal = this.json.readTree(get(node, "/actuator/health").body()).path("components").path("castyJournal");
		assertThat(journal.path("status").asString()).isEqualTo("UP");
		assertThat(journal.path("details").path("store").asString()).startsWith("H2");
	}

	private static double metric(String prometheus, String name) {
		return prometheus.lines()
			.filter((line) -> line.startsWith(name + " ") || line.startsWith(name + "{"))
			.mapToDouble((line) -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
			.sum();
	}

	@Test
	void nodeWithAClusterSecretServesClientsThatProveItAndRefusesOthers() {
		int port = FreePorts.next();
		String secret = "loyalty-secret-0123456789";
		startNode("127.0.0.1", port, "--casty.node.cluster-secret=" + secret);
		ClusterClient trusted = client(port, secret);
		ClusterClient stranger = client(port, null);
		EntityRef<LoyaltyCommand> loyalty = trusted.entityRef(LoyaltyMessages.SHARD_TYPE, LoyaltyMessages.NUM_SHARDS);

		loyalty.tell("user-1", new AddPoints(7));

		assertThat(loyalty.<Integer>ask("user-1", GetPoints::new, TIMEOUT).join()).isEqualTo(7);
		await().atMost(TIMEOUT).untilAsserted(() -> assertThat(stranger.state().lastError()).isPresent());
		assertThat(stranger.state().isConnected()).isFalse();
	}

	private ClusterClient client(int port, String clusterSecret) {
		ClusterClient.Builder builder = ClusterClient.builder()
			.systemName("loyalty-cluster")
			.contactPoints("127.0.0.1:" + port)
			.registerMessages(LoyaltyMessages.CLASSES);
		if (clusterSecret != null) {
			builder.clusterSecret(clusterSecret);
		}
		ClusterClient client = builder.build();
		this.nodes.closeLater(client);
		return client;
	}

	@Test
	void secondNodeJoinsThroughTheSeedAndLeavesGracefullyWhenItsContextCloses() {
		int port = FreePorts.next();
		ConfigurableApplicationContext first = startNode("127.0.0.1", port, "--casty.node.node-id=node-1");
		ConfigurableApplicationContext second = startNode("127.0.0.2", port, "--casty.node.node-id=node-2",
				"--casty.node.seed-nodes=127.0.0.1:" + port);

		await().atMost(TIMEOUT).untilAsserted(() -> {
			JsonNode details = casty(first).path("details");
			assertThat(details.path("members").findValuesAsString("status")).containsExactly("UP", "UP");
			assertThat(details.path("shards").path("loyalty").path("owned").size()).isBetween(1,
					LoyaltyMessages.NUM_SHARDS - 1);
		});
		assertThat(casty(second).path("status").asString()).isEqualTo("UP");

		second.close();

		await().atMost(TIMEOUT).untilAsserted(() -> {
			JsonNode details = casty(first).path("details");
			assertThat(details.path("members").findValuesAsString("nodeId")).containsExactly("node-1");
			assertThat(details.path("unreachable")).isEmpty();
			assertThat(details.path("shards").path("loyalty").path("owned")).hasSize(LoyaltyMessages.NUM_SHARDS);
		});
	}

}
