package io.casty.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import io.casty.EntityFailedException;
import io.casty.client.ClusterClient;
import io.casty.client.EntityRef;
import io.casty.persistence.TcpRelay;
import io.casty.persistence.TestDatabases;
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
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The node while its PostgreSQL journal is unreachable (connections through a relay that the
 * test cuts): it starts anyway, its health says why the journal is DOWN, asks fail typed within
 * their timeout, and once the database answers again it works by itself, having acknowledged
 * nothing it did not keep. Skipped without a PostgreSQL to test against.
 */
class JournalOutageTests {

	private static final Duration ASK_TIMEOUT = Duration.ofSeconds(5);

	private final HttpClient http = HttpClient.newHttpClient();

	private final JsonMapper json = JsonMapper.builder().build();

	private HikariDataSource database;

	private TcpRelay relay;

	private NodeApps nodes;

	@BeforeEach
	void relayToPostgres() throws IOException {
		this.database = TestDatabases.postgres();
		URI server = URI.create(this.database.getJdbcUrl().substring("jdbc:".length()));
		this.relay = new TcpRelay(server.getHost(), server.getPort());
		this.nodes = new NodeApps("jdbc:postgresql://127.0.0.1:" + this.relay.port() + server.getPath() + "?"
				+ server.getQuery());
	}

	@AfterEach
	void closeAll() throws Exception {
		if (this.nodes != null) {
			this.nodes.close();
		}
		if (this.relay != null) {
			this.relay.close();
		}
		if (this.database != null) {
			this.database.close();
		}
	}

	@Test
	void aNodeWhoseDatabaseIsDownAtStartupStartsSaysWhyFailsAsksTypedAndRecoversByItself() {
		this.relay.cut();
		int port = FreePorts.next();
		ConfigurableApplicationContext node = this.nodes.start("127.0.0.1", port,
				"--casty.node.persistence.recovery-timeout=1s");
		EntityRef<LoyaltyCommand> loyalty = loyalty(port);

		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			JsonNode journal = journalHealth(node);
			assertThat(journal.path("status").asString()).isEqualTo("DOWN");
			assertThat(journal.path("details").path("reason").asString()).isNotBlank();
		});
		assertThatThrownBy(() -> add(loyalty, "user-1", 100, "first")).isInstanceOf(CompletionException.class)
			.cause()
			.isInstanceOf(EntityFailedException.class)
			.hasMessageContaining("'loyalty|user-1'");

		this.relay.heal();

		await().atMost(Duration.ofSeconds(30))
			.ignoreExceptionsInstanceOf(CompletionException.class)
			.untilAsserted(() -> assertThat(add(loyalty, "user-1", 100, "first").total()).isEqualTo(100));
		assertThat(journalHealth(node).path("status").asString()).isEqualTo("UP");
	}

	@Test
	void anOutageMidRunFailsAsksTypedAndLosesNothingAcknowledged() {
		int port = FreePorts.next();
		ConfigurableApplicationContext node = this.nodes.start("127.0.0.1", port,
				"--casty.node.persistence.append-timeout=1s", "--casty.node.persistence.recovery-timeout=1s");
		EntityRef<LoyaltyCommand> loyalty = loyalty(port);
		await().atMost(Duration.ofSeconds(30))
			.ignoreExceptionsInstanceOf(CompletionException.class)
			.untilAsserted(() -> assertThat(add(loyalty, "user-1", 100, "before").total()).isEqualTo(100));

		this.relay.cut();

		assertThatThrownBy(() -> add(loyalty, "user-1", 50, "during")).cause().isInstanceOf(EntityFailedException.class);
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(journalHealth(node).path("status").asString()).isEqualTo("DOWN"));
		assertThat(node.isRunning()).isTrue();

		this.relay.heal();

		// The retry carries the same key: added once, whether or not the failed attempt was written.
		await().atMost(Duration.ofSeconds(30))
			.ignoreExceptionsInstanceOf(CompletionException.class)
			.untilAsserted(() -> assertThat(add(loyalty, "user-1", 50, "during").total()).isEqualTo(150));
		assertThat(loyalty.<Integer>ask("user-1", GetPoints::new, ASK_TIMEOUT).join()).isEqualTo(150);
	}

	private EntityRef<LoyaltyCommand> loyalty(int port) {
		ClusterClient client = this.nodes.closeLater(ClusterClient.builder()
			.systemName("loyalty-cluster")
			.contactPoints("127.0.0.1:" + port)
			.registerMessages(LoyaltyMessages.CLASSES)
			.build());
		return client.entityRef(LoyaltyMessages.SHARD_TYPE, LoyaltyMessages.NUM_SHARDS);
	}

	private static PointsConfirmation add(EntityRef<LoyaltyCommand> loyalty, String user, int amount, String key) {
		return loyalty.<PointsConfirmation>ask(user, (replyTo) -> new AddPointsAndConfirm(amount, key, replyTo),
				ASK_TIMEOUT).join();
	}

	private JsonNode journalHealth(ConfigurableApplicationContext node) {
		int httpPort = node.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
		try {
			HttpResponse<String> response = this.http.send(
					HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/actuator/health")).build(),
					HttpResponse.BodyHandlers.ofString());
			return this.json.readTree(response.body()).path("components").path("castyJournal");
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
