package io.casty.sample.loyalty.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.casty.sample.loyalty.LoyaltyMessages;
import io.casty.sharding.ShardHash;
import io.casty.testing.FreePorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sample system as users run it: three node-app processes on 127.0.0.1-3 and the API process,
 * from the packaged jars, driven over HTTP. The tests share the running system and go in order,
 * each changing it further: points are added and read, bad requests are refused, one node leaves
 * with SIGTERM, another is killed with SIGKILL. After each change the API answers for every user
 * again (a user whose shard moved starts again from zero: entity state lives in memory), and every
 * {@code /actuator/health} shows the new membership.
 *
 * <p>Nodes detect failures fast here (heartbeats every 200 ms, 1 s acceptable pause, down after
 * 1 s). Each process logs to {@code target/sample-system/<name>.log}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SampleSystemIT {

	private static final Duration STARTUP = Duration.ofSeconds(120);

	private static final Duration CHANGE = Duration.ofSeconds(30);

	private static final String TYPE = LoyaltyMessages.SHARD_TYPE;

	private static final int SHARDS = LoyaltyMessages.NUM_SHARDS;

	private static final List<String> USERS = IntStream.range(0, 30).mapToObj((i) -> "user-" + i).toList();

	private static final List<String> NODES = List.of("node-1", "node-2", "node-3");

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final JsonMapper json = JsonMapper.builder().build();

	private final Map<String, SampleProcess> nodes = new LinkedHashMap<>();

	private SampleProcess api;

	/** The points total the API must answer for each user. */
	private final Map<String, Integer> expected = new HashMap<>();

	@BeforeAll
	void startSystem() {
		List<String> clusterAddresses = new ArrayList<>();
		for (int i = 0; i < NODES.size(); i++) {
			clusterAddresses.add("127.0.0." + (i + 1) + ":" + FreePorts.next());
		}
		String seed = clusterAddresses.get(0);
		for (int i = 0; i < NODES.size(); i++) {
			String[] hostPort = clusterAddresses.get(i).split(":");
			this.nodes.put(NODES.get(i), SampleProcess.start(NODES.get(i), jar("sample.node-app.jar"), FreePorts.next(),
					List.of("--casty.node.node-id=" + NODES.get(i), "--casty.node.host=" + hostPort[0],
							"--casty.node.port=" + hostPort[1], "--casty.node.seed-nodes=" + seed,
							"--casty.node.gossip-interval=200ms", "--casty.node.heartbeat-interval=200ms",
							"--casty.node.acceptable-heartbeat-pause=1s", "--casty.node.down-after=1s",
							"--casty.node.topology-heartbeat-interval=300ms")));
		}
		// The API subscribes at its first contact point; node-1 must be there to take the subscription,
		// so that the nodes stopped later are never the API's contact point.
		await().atMost(STARTUP)
			.ignoreExceptionsInstanceOf(UncheckedIOException.class)
			.until(() -> "UP".equals(casty(this.nodes.get("node-1")).path("status").asString()));
		this.api = SampleProcess.start("api", jar("sample.api.jar"), FreePorts.next(),
				List.of("--casty.client.contact-points=" + String.join(",", clusterAddresses),
						"--casty.client.ask-timeout=2s", "--casty.client.subscription-timeout=2s",
						"--casty.client.reconnect-backoff.min=50ms", "--casty.client.reconnect-backoff.max=500ms"));
		awaitMembership(STARTUP, Set.copyOf(NODES), Set.of());
	}

	@AfterAll
	void stopSystem() {
		if (this.api != null) {
			this.api.close();
		}
		for (SampleProcess node : this.nodes.values()) {
			node.close();
		}
	}

	private static Path jar(String property) {
		String path = System.getProperty(property);
		assertThat(path).as("system property %s (set by the build to the packaged jar)", property).isNotBlank();
		return Path.of(path);
	}

	@Test
	@Order(1)
	void pointsAddedThroughTheApiAreAnsweredForEveryUser() {
		for (int i = 0; i < USERS.size(); i++) {
			String user = USERS.get(i);
			assertThat(addPoints(user, 10).statusCode()).isEqualTo(202);
			assertThat(addPoints(user, i + 1).statusCode()).isEqualTo(202);
			this.expected.put(user, 11 + i);
		}

		assertThat(totals()).isEqualTo(this.expected);
		Map<Integer, String> owners = owners();
		assertThat(USERS.stream().map((user) -> owners.get(shardOf(user)))).as("every node owns some of the users")
			.containsAll(NODES);
	}

	@Test
	@Order(2)
	void badRequestsAreRefusedWithProblemDetailsAndChangeNothing() {
		assertBadRequest(addPoints("user-1", -5), "amount must be a positive integer");
		assertBadRequest(post("/users/user-1/points", "{\"amount\": "),
				"The request body must be a JSON object like {\"amount\": 100}, with amount a positive integer.");
		assertBadRequest(post("/users/" + "u".repeat(65) + "/points", "{\"amount\": 1}"),
				"userId must be 1 to 64 letters, digits, '.', '_' or '-'");
		assertBadRequest(get(this.api, "/users/user%201/points"), "userId must be 1 to 64 letters, digits, '.', '_' or '-'");

		assertThat(totals()).isEqualTo(this.expected);
	}

	@Test
	@Order(3)
	void nodeStoppedWithSigtermHandsItsShardsOverAndLeavesEveryHealthReport() throws InterruptedException {
		Map<Integer, String> before = owners();

		int exitCode = this.nodes.get("node-2").terminate(CHANGE);

		assertThat(exitCode).as("node-2 exits on SIGTERM after leaving, without being killed").isIn(0, 143);
		Map<Integer, String> after = awaitMembership(CHANGE, Set.of("node-1", "node-3"), Set.of());
		assertThat(after.values()).doesNotContain("node-2");
		forgetMovedUsers(before, after);
		awaitEveryUserAnswers();
	}

	@Test
	@Order(4)
	void nodeKilledWithSigkillIsDownedAndEveryUserAnswersAgain() throws InterruptedException {
		Map<Integer, String> before = owners();
		List<String> survivingUsers = USERS.stream()
			.filter((user) -> before.get(shardOf(user)).equals("node-1"))
			.toList();

		this.nodes.get("node-3").kill();

		// Users whose shards live on the surviving node never notice.
		for (String user : survivingUsers) {
			assertThat(points(user)).as(user).isEqualTo(this.expected.get(user));
		}
		Map<Integer, String> after = awaitMembership(CHANGE, Set.of("node-1"), Set.of("node-3"));
		forgetMovedUsers(before, after);
		awaitEveryUserAnswers();
		assertThat(addPoints("user-0", 5).statusCode()).isEqualTo(202);
		this.expected.merge("user-0", 5, Integer::sum);
		assertThat(points("user-0")).isEqualTo(this.expected.get("user-0"));
	}

	/**
	 * Waits until every live node and the API report the same membership (the live nodes UP,
	 * the killed ones DOWN, nobody else), and the shards are spread over the live nodes with no
	 * further rebalancing to come.
	 * @return the owner of every shard
	 */
	private Map<Integer, String> awaitMembership(Duration timeout, Set<String> live, Set<String> down) {
		Map<String, String> membership = new TreeMap<>();
		live.forEach((node) -> membership.put(node, "UP"));
		down.forEach((node) -> membership.put(node, "DOWN"));
		await().atMost(timeout)
			.pollInterval(Duration.ofMillis(200))
			.ignoreExceptionsInstanceOf(UncheckedIOException.class)
			.untilAsserted(() -> {
			for (String name : live) {
				JsonNode casty = casty(this.nodes.get(name));
				assertThat(casty.path("status").asString()).as(name + " health").isEqualTo("UP");
				assertThat(members(casty)).as(name + " members").isEqualTo(membership);
			}
			JsonNode casty = casty(this.api);
			assertThat(casty.path("status").asString()).as("api health").isEqualTo("UP");
			assertThat(members(casty)).as("api members").isEqualTo(membership);
			assertThat(casty.path("details").path("shards").path(TYPE).path("allocated").asInt()).isEqualTo(SHARDS);
			Map<Integer, String> owners = owners(live);
			assertThat(owners).as("owners of every shard").hasSize(SHARDS);
			Map<String, Long> load = owners.values().stream()
				.collect(Collectors.groupingBy((owner) -> owner, Collectors.counting()));
			assertThat(load.keySet()).as("nodes owning shards").isEqualTo(live);
			assertThat(load.values().stream().mapToLong(Long::longValue).max().getAsLong()
					- load.values().stream().mapToLong(Long::longValue).min().getAsLong())
				.as("shards per node differ by at most one, so no rebalancing is pending: " + load)
				.isLessThanOrEqualTo(1);
		});
		return owners(live);
	}

	private static Map<String, String> members(JsonNode casty) {
		Map<String, String> members = new TreeMap<>();
		casty.path("details").path("members")
			.forEach((member) -> members.put(member.path("nodeId").asString(), member.path("status").asString()));
		return members;
	}

	/** The owner of every shard, as each live node reports the shards it owns itself. */
	private Map<Integer, String> owners(Set<String> live) {
		Map<Integer, String> owners = new TreeMap<>();
		for (String name : live) {
			casty(this.nodes.get(name)).path("details").path("shards").path(TYPE).path("owned").forEach((shard) -> {
				String previous = owners.put(shard.asInt(), name);
				assertThat(previous).as("shard " + shard + " is owned by " + previous + " and " + name).isNull();
			});
		}
		return owners;
	}

	/** The owner of every shard, as the nodes still running report it. */
	private Map<Integer, String> owners() {
		return owners(this.nodes.entrySet()
			.stream()
			.filter((node) -> node.getValue().isAlive())
			.map(Map.Entry::getKey)
			.collect(Collectors.toSet()));
	}

	private static int shardOf(String user) {
		return ShardHash.shardOf(user, SHARDS);
	}

	/** A user whose shard moved lives again on its new owner, from zero points. */
	private void forgetMovedUsers(Map<Integer, String> before, Map<Integer, String> after) {
		for (String user : USERS) {
			if (!before.get(shardOf(user)).equals(after.get(shardOf(user)))) {
				this.expected.put(user, 0);
			}
		}
	}

	private void awaitEveryUserAnswers() {
		await().atMost(CHANGE).untilAsserted(() -> assertThat(totals()).isEqualTo(this.expected));
	}

	private Map<String, Integer> totals() {
		Map<String, Integer> totals = new HashMap<>();
		USERS.forEach((user) -> totals.put(user, points(user)));
		return totals;
	}

	private int points(String user) {
		HttpResponse<String> response = get(this.api, "/users/" + user + "/points");
		assertThat(response.statusCode()).as("GET points of %s: %s", user, response.body()).isEqualTo(200);
		JsonNode body = this.json.readTree(response.body());
		assertThat(body.path("userId").asString()).isEqualTo(user);
		return body.path("points").asInt();
	}

	private HttpResponse<String> addPoints(String user, int amount) {
		return post("/users/" + user + "/points", "{\"amount\": " + amount + "}");
	}

	private void assertBadRequest(HttpResponse<String> response, String detail) {
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		JsonNode problem = this.json.readTree(response.body());
		assertThat(problem.path("status").asInt()).isEqualTo(400);
		assertThat(problem.path("title").asString()).isEqualTo("Bad Request");
		assertThat(problem.path("detail").asString()).isEqualTo(detail);
	}

	private JsonNode casty(SampleProcess process) {
		process.requireAlive();
		return this.json.readTree(get(process, "/actuator/health").body()).path("components").path("casty");
	}

	private HttpResponse<String> get(SampleProcess process, String path) {
		return send(process, HttpRequest.newBuilder(uri(process, path)).GET());
	}

	private HttpResponse<String> post(String path, String body) {
		return send(this.api, HttpRequest.newBuilder(uri(this.api, path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	private static URI uri(SampleProcess process, String path) {
		return URI.create("http://127.0.0.1:" + process.httpPort() + path);
	}

	private HttpResponse<String> send(SampleProcess process, HttpRequest.Builder request) {
		process.requireAlive();
		try {
			return this.http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			// Unchecked and distinct, so that waits can tell "not listening yet" from a real failure.
			throw new UncheckedIOException(process.name() + " did not answer over HTTP", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
