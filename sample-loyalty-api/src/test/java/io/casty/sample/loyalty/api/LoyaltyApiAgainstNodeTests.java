package io.casty.sample.loyalty.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.casty.actor.Behavior;
import io.casty.actor.Behaviors;
import io.casty.cluster.ClusteredActorSystem;
import io.casty.cluster.EntityType;
import io.casty.sample.loyalty.AddPoints;
import io.casty.sample.loyalty.GetPoints;
import io.casty.sample.loyalty.LoyaltyCommand;
import io.casty.sample.loyalty.LoyaltyMessages;
import io.casty.testing.FreePorts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The API as packaged (its application.yml, the starter, the real client) against a real node
 * in this JVM, over HTTP: points added and read back, a 504 from an account that never answers,
 * and a 503 at once when the cluster is gone.
 */
class LoyaltyApiAgainstNodeTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	/** The test's accounts never answer this user's questions. */
	private static final String SILENT_USER = "silent";

	private final int nodePort = FreePorts.next();

	private final HttpClient http = HttpClient.newHttpClient();

	private final JsonMapper json = JsonMapper.builder().build();

	private ClusteredActorSystem node;

	private ConfigurableApplicationContext api;

	@BeforeEach
	void startNodeAndApi() {
		this.node = ClusteredActorSystem.builder("loyalty-cluster")
			.port(this.nodePort)
			.nodeId("node-1")
			.registerMessages(LoyaltyMessages.CLASSES)
			.leaveOnShutdown(false)
			.start();
		this.node.shardRegion(EntityType.of(LoyaltyMessages.SHARD_TYPE, LoyaltyMessages.NUM_SHARDS,
				(userId) -> account(userId, 0)));
		this.api = new SpringApplicationBuilder(LoyaltyApiApplication.class).run("--server.port=0",
				"--spring.main.banner-mode=off", "--casty.client.contact-points=127.0.0.1:" + this.nodePort,
				"--casty.client.ask-timeout=500ms", "--casty.client.subscription-timeout=2s",
				"--casty.client.reconnect-backoff.min=50ms", "--casty.client.reconnect-backoff.max=200ms");
		await().atMost(TIMEOUT).until(() -> "UP".equals(casty().path("status").asString()));
	}

	@AfterEach
	void stopApiAndNode() {
		if (this.api != null) {
			this.api.close();
		}
		if (this.node != null) {
			this.node.close();
		}
	}

	private static Behavior<LoyaltyCommand> account(String userId, int total) {
		return Behaviors.receiveMessage((command) -> {
			if (command instanceof AddPoints add) {
				return account(userId, total + add.amount());
			}
			if (!userId.equals(SILENT_USER)) {
				((GetPoints) command).replyTo().tell(total);
			}
			return Behaviors.same();
		});
	}

	private HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.api.getEnvironment().getRequiredProperty("local.server.port") + path);
	}

	private HttpResponse<String> addPoints(String userId, int amount) {
		return addPoints(userId, amount, "application/json");
	}

	private HttpResponse<String> addPoints(String userId, int amount, String contentType) {
		return send(HttpRequest.newBuilder(uri("/users/" + userId + "/points"))
			.header("Content-Type", contentType)
			.POST(HttpRequest.BodyPublishers.ofString("{\"amount\":" + amount + "}")));
	}

	private HttpResponse<String> points(String userId) {
		return send(HttpRequest.newBuilder(uri("/users/" + userId + "/points")));
	}

	private JsonNode casty() {
		return this.json.readTree(send(HttpRequest.newBuilder(uri("/actuator/health"))).body())
			.path("components")
			.path("casty");
	}

	@Test
	void pointsAddedOverHttpAreAnsweredByTheClusterAndHealthListsTheNode() {
		assertThat(addPoints("user-1", 100).statusCode()).isEqualTo(202);
		// as `curl -d '{"amount":50}'` sends it, declared as a form
		assertThat(addPoints("user-1", 50, "application/x-www-form-urlencoded").statusCode()).isEqualTo(202);

		HttpResponse<String> points = points("user-1");

		assertThat(points.statusCode()).isEqualTo(200);
		assertThat(this.json.readTree(points.body())).isEqualTo(this.json.readTree("{\"userId\":\"user-1\",\"points\":150}"));
		JsonNode details = casty().path("details");
		assertThat(details.path("systemName").asString()).isEqualTo("loyalty-cluster");
		assertThat(details.path("members").findValuesAsString("nodeId")).containsExactly("node-1");
		assertThat(details.path("shards").path("loyalty").path("allocated").asInt())
			.isEqualTo(LoyaltyMessages.NUM_SHARDS);
	}

	@Test
	void accountThatNeverAnswersGivesGatewayTimeoutAfterTheAskTimeout() {
		HttpResponse<String> points = points(SILENT_USER);

		assertThat(points.statusCode()).isEqualTo(504);
		assertThat(points.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(this.json.readTree(points.body()).path("title").asString())
			.isEqualTo("Cluster did not answer in time");
	}

	@Test
	void apiThatLostTheClusterAnswersServiceUnavailableAtOnceAndHealthIsDown() {
		this.node.close();
		this.node = null;
		await().atMost(TIMEOUT).until(() -> "DOWN".equals(casty().path("status").asString()));

		HttpResponse<String> addition = addPoints("user-1", 100);
		HttpResponse<String> points = points("user-1");

		assertThat(addition.statusCode()).isEqualTo(503);
		assertThat(addition.headers().firstValue("Retry-After")).hasValue("1");
		assertThat(this.json.readTree(addition.body()).path("detail").asString())
			.startsWith("The API is not connected to the cluster (client RECONNECTING");
		assertThat(points.statusCode()).isEqualTo(503);
	}

}
