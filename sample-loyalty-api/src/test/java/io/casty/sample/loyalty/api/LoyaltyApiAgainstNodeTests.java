package io.casty.sample.loyalty.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.casty.EntityFailedException;
import io.casty.EntityFailedException.Reason;
import io.casty.actor.ActorRef;
import io.casty.actor.Behavior;
import io.casty.actor.Behaviors;
import io.casty.cluster.EntityType;
import io.casty.sample.loyalty.AddPointsAndConfirm;
import io.casty.sample.loyalty.GetPoints;
import io.casty.sample.loyalty.LoyaltyCommand;
import io.casty.sample.loyalty.LoyaltyMessages;
import io.casty.sample.loyalty.PointsConfirmation;
import io.casty.sample.loyalty.PointsConfirmation.Outcome;
import io.casty.spring.test.AutoConfigureCastyTestNode;
import io.casty.spring.test.CastyTestNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The API as packaged (its application.yml, the starter, the real client) against a real node
 * in this JVM, the test node of {@link AutoConfigureCastyTestNode}, over HTTP: each addition
 * answered with its total, a retried key added once, an overflow refused, an account whose
 * journal fails and one that never answers, and a 503 at once when the cluster is gone. Every
 * message and answer crosses the wire, so this also checks that the API registers every class of
 * the loyalty protocol.
 *
 * <p>The node hosts {@link Account}, a stand-in for the node application's event-sourced account
 * that answers as it does but keeps its state in memory: this module cannot put the node
 * application (an executable jar) on its class path, and what is under test here is the API's
 * side of the contract. The journal-backed account is tested in casty-node-app, and the packaged
 * node and API together in sample-loyalty-it.
 *
 * <p>The tests share one context, and so one node and its accounts: each test has users of its
 * own.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.banner-mode=off", "casty.client.startup.mode=fail-fast",
				"casty.client.ask-timeout=500ms", "casty.client.subscription-timeout=2s",
				"casty.client.reconnect-backoff.min=50ms", "casty.client.reconnect-backoff.max=200ms" })
@AutoConfigureCastyTestNode
class LoyaltyApiAgainstNodeTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	/** The test's accounts never answer this user's questions. */
	private static final String SILENT_USER = "silent";

	/** The test's accounts fail this user's additions as an account whose journal is down does. */
	private static final String UNDURABLE_USER = "journal-down";

	/** Users of this test only, whose accounts no other test of the shared node has touched. */
	private final String user1 = "user-1-" + UUID.randomUUID();

	private final String user2 = "user-2-" + UUID.randomUUID();

	private final HttpClient http = HttpClient.newHttpClient();

	private final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	private int apiPort;

	@Autowired
	private CastyTestNode node;

	@TestConfiguration(proxyBeanMethods = false)
	static class Accounts {

		@Bean
		EntityType<LoyaltyCommand> loyaltyEntityType() {
			return EntityType.of(LoyaltyMessages.SHARD_TYPE, LoyaltyMessages.NUM_SHARDS,
					(userId) -> new Account(userId).behavior());
		}

	}

	/**
	 * One user's account as the node application's answers it: the new total once added, the
	 * first total for a key it has seen (a duplicate adds nothing), a refusal when the total would
	 * overflow. Only ever touched on the entity's thread.
	 */
	private static final class Account {

		private final String userId;

		private int total;

		private final Map<String, Integer> totalsByKey = new HashMap<>();

		Account(String userId) {
			this.userId = userId;
		}

		Behavior<LoyaltyCommand> behavior() {
			return Behaviors.receiveMessage((command) -> {
				if (command instanceof AddPointsAndConfirm add) {
					add(add);
				}
				else if (command instanceof GetPoints get && !this.userId.equals(SILENT_USER)) {
					get.replyTo().tell(this.total);
				}
				return Behaviors.same();
			});
		}

		private void add(AddPointsAndConfirm add) {
			if (this.userId.equals(SILENT_USER)) {
				return;
			}
			if (this.userId.equals(UNDURABLE_USER)) {
				fail(add.replyTo(), EntityFailedException.failure(Reason.PERSIST_FAILED,
						"Entity 'loyalty|" + this.userId + "' could not persist: the journal is down"));
				return;
			}
			Integer earlier = (add.idempotencyKey() != null) ? this.totalsByKey.get(add.idempotencyKey()) : null;
			if (earlier != null) {
				add.replyTo().tell(new PointsConfirmation(earlier, Outcome.DUPLICATE));
			}
			else if (this.total > Integer.MAX_VALUE - add.amount()) {
				add.replyTo().tell(new PointsConfirmation(this.total, Outcome.REFUSED_OVERFLOW));
			}
			else {
				this.total += add.amount();
				if (add.idempotencyKey() != null) {
					this.totalsByKey.put(add.idempotencyKey(), this.total);
				}
				add.replyTo().tell(new PointsConfirmation(this.total, Outcome.ADDED));
			}
		}

		// An entity answers a failure to the asker in place of its reply, as the persistence
		// runtime does; the client turns it into an EntityFailedException.
		@SuppressWarnings("unchecked")
		private static void fail(ActorRef<?> replyTo, Object failure) {
			((ActorRef<Object>) replyTo).tell(failure);
		}

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
		return URI.create("http://127.0.0.1:" + this.apiPort + path);
	}

	private HttpResponse<String> addPoints(String userId, int amount) {
		return addPoints(userId, amount, "application/json", null);
	}

	private HttpResponse<String> addPoints(String userId, int amount, String idempotencyKey) {
		return addPoints(userId, amount, "application/json", idempotencyKey);
	}

	private HttpResponse<String> addPoints(String userId, int amount, String contentType, String idempotencyKey) {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri("/users/" + userId + "/points"))
			.header("Content-Type", contentType)
			.POST(HttpRequest.BodyPublishers.ofString("{\"amount\":" + amount + "}"));
		if (idempotencyKey != null) {
			request.header("Idempotency-Key", idempotencyKey);
		}
		return send(request);
	}

	/** The total a 200 answer carries, after checking it is the user's and the answer a 200. */
	private int total(HttpResponse<String> response, String userId) {
		assertThat(response.statusCode()).as("answer: %s", response.body()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
		JsonNode body = this.json.readTree(response.body());
		assertThat(body.path("userId").asString()).isEqualTo(userId);
		return body.path("points").asInt();
	}

	private JsonNode problem(HttpResponse<String> response, int status) {
		assertThat(response.statusCode()).as("answer: %s", response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		return this.json.readTree(response.body());
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
	void eachAdditionOverHttpIsAnsweredWithTheNewTotalAndHealthListsTheNode() {
		assertThat(total(addPoints(this.user1, 100), this.user1)).isEqualTo(100);
		// as `curl -d '{"amount":50}'` sends it, declared as a form
		assertThat(total(addPoints(this.user1, 50, "application/x-www-form-urlencoded", null), this.user1))
			.isEqualTo(150);

		assertThat(total(points(this.user1), this.user1)).isEqualTo(150);
		// UP from the start: the node was up before the client, whose fail-fast startup waited for it.
		assertThat(casty().path("status").asString()).isEqualTo("UP");
		JsonNode details = casty().path("details");
		assertThat(details.path("systemName").asString()).isEqualTo("loyalty-cluster");
		assertThat(details.path("members").findValuesAsString("nodeId")).containsExactly(this.node.node().nodeId());
		assertThat(details.path("shards").path("loyalty").path("allocated").asInt())
			.isEqualTo(LoyaltyMessages.NUM_SHARDS);
	}

	@Test
	void additionRetriedWithTheSameIdempotencyKeyIsAddedOnce() {
		HttpResponse<String> first = addPoints(this.user1, 100, "order-1");
		HttpResponse<String> retry = addPoints(this.user1, 100, "order-1");

		assertThat(total(first, this.user1)).isEqualTo(100);
		assertThat(first.headers().firstValue("Idempotent-Replayed")).isEmpty();
		assertThat(total(retry, this.user1)).as("the retry answers the first total").isEqualTo(100);
		assertThat(retry.headers().firstValue("Idempotent-Replayed")).hasValue("true");
		assertThat(total(points(this.user1), this.user1)).isEqualTo(100);

		// Another key is another addition, and a key belongs to one user's account only.
		assertThat(total(addPoints(this.user1, 20, "order-2"), this.user1)).isEqualTo(120);
		assertThat(total(addPoints(this.user2, 7, "order-1"), this.user2)).isEqualTo(7);
		assertThat(total(points(this.user1), this.user1)).isEqualTo(120);
	}

	@Test
	void invalidIdempotencyKeyIsRejectedBeforeReachingTheAccount() {
		JsonNode problem = problem(addPoints(this.user1, 100, "order 1"), 400);

		assertThat(problem.path("errors").findValuesAsString("name")).containsExactly("Idempotency-Key");
		assertThat(total(points(this.user1), this.user1)).isZero();
	}

	@Test
	void additionThatWouldOverflowTheTotalIsRefusedAndAddsNothing() {
		assertThat(total(addPoints(this.user1, Integer.MAX_VALUE), this.user1)).isEqualTo(Integer.MAX_VALUE);

		JsonNode problem = problem(addPoints(this.user1, 1), 422);

		assertThat(problem.path("title").asString()).isEqualTo("Points refused");
		assertThat(problem.path("detail").asString()).contains("total of " + Integer.MAX_VALUE + " would overflow");
		assertThat(total(points(this.user1), this.user1)).isEqualTo(Integer.MAX_VALUE);
	}

	@Test
	void additionTheAccountCannotMakeDurableIsServiceUnavailableWithTheReason() {
		HttpResponse<String> addition = addPoints(UNDURABLE_USER, 100, "order-1");

		JsonNode problem = problem(addition, 503);
		assertThat(addition.headers().firstValue("Retry-After")).hasValue("1");
		assertThat(problem.path("title").asString()).isEqualTo("Account unavailable");
		assertThat(problem.path("reason").asString()).isEqualTo("PERSIST_FAILED");
		assertThat(problem.path("detail").asString())
			.isEqualTo("Entity 'loyalty|journal-down' could not persist: the journal is down");
	}

	@Test
	void accountThatNeverAnswersGivesGatewayTimeoutAfterTheAskTimeout() {
		assertThat(problem(points(SILENT_USER), 504).path("title").asString())
			.isEqualTo("Cluster did not answer in time");
		assertThat(problem(addPoints(SILENT_USER, 100, "order-1"), 504).path("title").asString())
			.isEqualTo("Cluster did not answer in time");
	}

	@Test
	@DirtiesContext
	void apiThatLostTheClusterAnswersServiceUnavailableAtOnceAndHealthIsDown() {
		this.node.close();
		await().atMost(TIMEOUT).until(() -> "DOWN".equals(casty().path("status").asString()));

		HttpResponse<String> addition = addPoints(this.user1, 100);
		HttpResponse<String> points = points(this.user1);

		assertThat(addition.statusCode()).isEqualTo(503);
		assertThat(addition.headers().firstValue("Retry-After")).hasValue("1");
		assertThat(this.json.readTree(addition.body()).path("detail").asString())
			.startsWith("The API is not connected to the cluster (client RECONNECTING");
		assertThat(points.statusCode()).isEqualTo(503);
	}

}
