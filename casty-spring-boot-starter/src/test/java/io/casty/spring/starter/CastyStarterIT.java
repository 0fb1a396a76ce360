package io.casty.spring.starter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.casty.client.EntityRef;
import io.casty.spring.autoconfigure.CastyClusterUnreachableException;
import io.casty.spring.starter.LoyaltyCluster.AddPoints;
import io.casty.spring.starter.LoyaltyCluster.GetPoints;
import io.casty.spring.starter.LoyaltyCluster.LoyaltyCommand;
import io.casty.testing.FreePorts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A web application with the starter and actuator, against a real node started here: it injects
 * {@code EntityRef<LoyaltyCommand>} by type, tells and asks, and its {@code /actuator/health}
 * follows the cluster down, up, down and up again without a restart.
 */
class CastyStarterIT {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private final int nodePort = FreePorts.next();

	private final HttpClient http = HttpClient.newHttpClient();

	private final JsonMapper json = JsonMapper.builder().build();

	private ConfigurableApplicationContext context;

	private LoyaltyCluster node;

	@AfterEach
	void closeAll() {
		if (this.context != null) {
			this.context.close();
		}
		stopNode();
	}

	private void startNode() {
		this.node = LoyaltyCluster.start(this.nodePort);
	}

	private void stopNode() {
		if (this.node != null) {
			this.node.close();
			this.node = null;
		}
	}

	private SpringApplicationBuilder application(String... extraProperties) {
		List<String> properties = new ArrayList<>(List.of("server.port=0", "spring.main.banner-mode=off",
				"management.endpoints.web.exposure.include=health,metrics",
				"management.endpoint.health.show-details=always", "management.endpoint.health.probes.enabled=true",
				"management.endpoint.health.group.readiness.include=readinessState,casty",
				"casty.client.system-name=" + LoyaltyCluster.SYSTEM_NAME,
				"casty.client.contact-points=127.0.0.1:" + this.nodePort,
				"casty.client.message-classes="
						+ LoyaltyCluster.MESSAGES.stream().map(Class::getName).collect(Collectors.joining(",")),
				"casty.client.entities.loyalty.num-shards=" + LoyaltyCluster.NUM_SHARDS,
				"casty.client.entities.loyalty.message-type=" + LoyaltyCommand.class.getName(),
				"casty.client.subscription-timeout=2s", "casty.client.reconnect-backoff.min=20ms",
				"casty.client.reconnect-backoff.max=200ms"));
		properties.addAll(List.of(extraProperties));
		return new SpringApplicationBuilder(LoyaltyApi.class).properties(properties.toArray(String[]::new));
	}

	private ConfigurableApplicationContext start(SpringApplicationBuilder application) {
		this.context = application.run();
		return this.context;
	}

	@Test
	void applicationFollowsTheClusterDownUpDownAndUpAgainWithoutARestart() {
		ConfigurableApplicationContext context = start(application());
		int port = context.getEnvironment().getProperty("local.server.port", Integer.class);
		LoyaltyService loyalty = context.getBean(LoyaltyService.class);

		HttpResponse<String> beforeCluster = get(port, "/actuator/health");
		assertThat(beforeCluster.statusCode()).isEqualTo(503);
		assertThat(casty(beforeCluster).path("status").asString()).isEqualTo("DOWN");
		assertThat(casty(beforeCluster).path("details").path("status").asString()).isEqualTo("CONNECTING");
		assertThat(get(port, "/actuator/health/readiness").statusCode()).isEqualTo(503);

		startNode();
		awaitCastyStatus(port, "UP");
		JsonNode up = casty(get(port, "/actuator/health")).path("details");
		assertThat(up.path("systemName").asString()).isEqualTo(LoyaltyCluster.SYSTEM_NAME);
		assertThat(up.path("contactPoint").asString()).isEqualTo("127.0.0.1:" + this.nodePort);
		assertThat(up.path("members")).hasSize(1);
		assertThat(up.path("members").get(0).path("address").asString()).isEqualTo("127.0.0.1:" + this.nodePort);
		assertThat(up.path("members").get(0).path("nodeId").asString()).isEqualTo("node-1");
		assertThat(up.path("members").get(0).path("status").asString()).isEqualTo("UP");
		assertThat(up.path("shards").path("loyalty").path("allocated").asInt()).isEqualTo(10);
		assertThat(up.path("shards").path("loyalty").path("total").asInt()).isEqualTo(10);
		assertThat(get(port, "/actuator/health/readiness").statusCode()).isEqualTo(200);

		loyalty.add("user-1", 100);
		loyalty.add("user-1", 50);
		loyalty.add("user-2", 200);
		assertThat(loyalty.points("user-1")).isEqualTo(150);
		assertThat(loyalty.points("user-2")).isEqualTo(200);
		assertThat(json(get(port, "/actuator/metrics/casty.client.tells")).path("measurements").get(0).path("value")
			.asDouble()).isEqualTo(3);

		stopNode();
		awaitCastyStatus(port, "DOWN");
		assertThat(casty(get(port, "/actuator/health")).path("details").path("status").asString())
			.isEqualTo("RECONNECTING");

		startNode();
		awaitCastyStatus(port, "UP");
		loyalty.add("user-1", 7);
		assertThat(loyalty.points("user-1")).isEqualTo(7);
	}

	@Test
	void failFastApplicationRefusesToStartWhileTheClusterIsDownNamingTheContactPoints() {
		SpringApplicationBuilder application = application("casty.client.startup.mode=fail-fast",
				"casty.client.startup.timeout=500ms");

		assertThatThrownBy(() -> start(application)).satisfies((failure) -> assertThat(causeOf(failure))
			.hasMessageContaining("contact points [127.0.0.1:" + this.nodePort + "]"));
	}

	private static CastyClusterUnreachableException causeOf(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof CastyClusterUnreachableException unreachable) {
				return unreachable;
			}
		}
		throw new AssertionError("Startup did not fail because the cluster was unreachable", failure);
	}

	private void awaitCastyStatus(int port, String status) {
		await().atMost(TIMEOUT)
			.untilAsserted(() -> assertThat(casty(get(port, "/actuator/health")).path("status").asString())
				.isEqualTo(status));
	}

	private JsonNode casty(HttpResponse<String> health) {
		return json(health).path("components").path("casty");
	}

	private JsonNode json(HttpResponse<String> response) {
		return this.json.readTree(response.body());
	}

	private HttpResponse<String> get(int port, String path) {
		try {
			return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
					HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException("GET " + path + " failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted during GET " + path, ex);
		}
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(LoyaltyService.class)
	static class LoyaltyApi {

	}

	/** What an API service does with the injected ref. */
	static class LoyaltyService {

		private final EntityRef<LoyaltyCommand> loyalty;

		LoyaltyService(EntityRef<LoyaltyCommand> loyalty) {
			this.loyalty = loyalty;
		}

		void add(String userId, int amount) {
			this.loyalty.tell(userId, new AddPoints(amount));
		}

		int points(String userId) {
			return this.loyalty.<Integer>ask(userId, GetPoints::new, TIMEOUT).join();
		}

	}

}
