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
import java.nio.file.Files;
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
 * The sample system as users run it: three node-app processes on 127.0.0.1-3 sharing one
 * journal (an H2 file in its automatic server mode, the embedded default) and the API process,
 * from the packaged jars, driven over HTTP. The tests share the running system and go in order,
 * each changing it further: points are added (each answered once durable) and read, bad requests
 * are refused, every account is passivated, one node leaves with SIGTERM, another is killed with
 * SIGKILL, a new node joins and takes shards, every node is stopped and started again, and
 * the node serving the journal file to the others is killed. After each change every user's total is exactly what was acknowledged: state lives in
 * the journal, not in a node's memory. Every {@code /actuator/health} shows the new membership.
 *
 * <p>Nodes detect failures fast here (heartbeats every 200 ms, 1 s acceptable pause, down after
 * 1 s) and passivate idle accounts after 2 s. Each process logs to
 * {@code target/sample-system/<name>.log}.
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

	private static final String RUNNING_ENTITIES = "casty_node_entities_running{shard_type=\"" + TYPE + "\"";

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final JsonMapper json = JsonMapper.builder().build();

	private final Map<String, SampleProcess> nodes = new LinkedHashMap<>();

	/** Each node's cluster address, host:port, kept for restarts on the same address. */
	private final Map<String, String> addresses = new LinkedHashMap<>();

	private String journalUrl;

	private SampleProcess api;

	/** The points total the API must answer for each user. */
	private final Map<String, Integer> expected = new HashMap<>();

	@BeforeAll
	void startSystem() throws IOException {
		Path journal = Files.createDirectories(Path.of("target", "sample-system"))
			.resolve("journal-" + System.currentTimeMillis())
			.toAbsolutePath();
		this.journalUrl = "jdbc:h2:file:" + journal + ";AUTO_SERVER=TRUE;WRITE_DELAY=0";
		for (int i = 0; i < NODES.size(); i++) {
			this.addresses.put(NODES.get(i), "127.0.0." + (i + 1) + ":" + FreePorts.next());
		}
		NODES.forEach(this::startNode);
		// The API subscribes at its first contact point; node-1 must be there to take the subscription,
		// so that the nodes stopped later are never the API's contact point.
		await().atMost(STARTUP)
			.ignoreExceptionsInstanceOf(UncheckedIOException.class)
			.until(() -> "UP".equals(casty(this.nodes.get("node-1")).path("status").asString()));
		this.api = SampleProcess.start("api", jar("sample.api.jar"), FreePorts.next(),
				List.of("--casty.client.contact-points=" + String.join(",", this.addresses.values()),
						"--casty.client.ask-timeout=5s", "--casty.client.subscription-timeout=2s",
						"--casty.client.reconnect-backoff.min=50ms", "--casty.client.reconnect-backoff.max=500ms"));
		awaitMembership(STARTUP, Set.copyOf(NODES), Set.of());
	}

	/** Starts (or starts again) a node at its address, seeded by node-1's address. */
	private void startNode(String name) {
		String[] hostPort = this.addresses.get(name).split(":");
		this.nodes.put(name, SampleProcess.start(name, jar("sample.node-app.jar"), FreePorts.next(),
				List.of("--casty.node.node-id=" + name, "--casty.node.host=" + hostPort[0],
						"--casty.node.port=" + hostPort[1], "--casty.node.seed-nodes=" + this.addresses.get("node-1"),
						"--casty.node.gossip-interval=200ms", "--casty.node.heartbeat-interval=200ms",
						"--casty.node.acceptable-heartbeat-pause=1s", "--casty.node.down-after=1s",
						"--casty.node.topology-heartbeat-interval=300ms", "--casty.node.passivate-idle-after=2s",
						"--spring.datasource.url=" + this.journalUrl)));
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
	void eachAdditionIsAnsweredWithTheNewTotalAndARetriedKeyAddsOnce() {
		for (int i = 0; i < USERS.size(); i++) {
			String user = USERS.get(i);
			assertThat(added(addPoints(user, 10, null))).isEqualTo(10);
			assertThat(added(addPoints(user, i + 1, "order-" + i))).isEqualTo(11 + i);
			this.expected.put(user, 11 + i);
		}
		HttpResponse<String> retry = addPoints("user-3", 4, "order-3");
		assertThat(added(retry)).as("a retry answers the first total").isEqualTo(14);
		assertThat(retry.headers().firstValue("Idempotent-Replayed")).hasValue("true");

		assertThat(totals()).isEqualTo(this.expected);
		Map<Integer, String> owners = owners();
		assertThat(USERS.stream().map((user) -> owners.get(shardOf(user)))).as("every node owns some of the users")
			.containsAll(NODES);
	}

	@Test
	@Order(2)
	void badRequestsAreRefusedWithProblemDetailsAndChangeNothing() {
		assertBadRequest(addPoints("user-1", -5, null), "amount must be a positive integer");
		assertBadRequest(post("/users/user-1/points", "{\"amount\": "),
				"The request body must be a JSON object like {\"amount\": 100}, with amount a positive integer.");
		assertBadRequest(post("/users/" + "u".repeat(65) + "/points", "{\"amount\": 1}"),
				"userId must be 1 to 64 letters, digits, '.', '_' or '-'");
		assertBadRequest(get(this.api, "/users/user%201/points"), "userId must be 1 to 64 letters, digits, '.', '_' or '-'");

		assertThat(totals()).isEqualTo(this.expected);
	}

	@Test
	@Order(3)
	void accountsPassivatedWhileIdleRecoverTheirTotalsFromTheJournal() {
		await().atMost(CHANGE)
			.pollInterval(Duration.ofMillis(200))
			.untilAsserted(() -> assertThat(NODES.stream().mapToDouble((node) -> metric(node, RUNNING_ENTITIES)).sum())
				.as("accounts running on any node")
				.isZero());

		assertThat(totals()).isEqualTo(this.expected);
	}

	@Test
	@Order(4)
	void nodeStoppedWithSigtermHandsItsShardsOverAndEveryTotalIsKept() throws InterruptedException {
		int exitCode = this.nodes.get("node-2").terminate(CHANGE);

		assertThat(exitCode).as("node-2 exits on SIGTERM after leaving, without being killed").isIn(0, 143);
		Map<Integer, String> after = awaitMembership(CHANGE, Set.of("node-1", "node-3"), Set.of());
		assertThat(after.values()).doesNotContain("node-2");
		assertThat(totals()).isEqualTo(this.expected);
	}

	@Test
	@Order(5)
	void nodeKilledWithSigkillIsDownedAndItsUsersKeepEveryAcknowledgedPoint() throws InterruptedException {
		Map<Integer, String> before = owners();
		List<String> survivingUsers = USERS.stream()
			.filter((user) -> before.get(shardOf(user)).equals("node-1"))
			.toList();

		this.nodes.get("node-3").kill();

		// Users whose shards live on the surviving node never notice.
		for (String user : survivingUsers) {
			assertThat(points(user)).as(user).isEqualTo(this.expected.get(user));
		}
		awaitMembership(CHANGE, Set.of("node-1"), Set.of("node-3"));
		awaitEveryUserAnswers();
		assertThat(added(addPoints("user-0", 5, "after-kill"))).isEqualTo(this.expected.get("user-0") + 5);
		this.expected.merge("user-0", 5, Integer::sum);
	}

	@Test
	@Order(6)
	void nodeJoiningTakesShardsWithTheirTotals() {
		this.addresses.put("node-4", "127.0.0.4:" + FreePorts.next());
		startNode("node-4");

		awaitHosting(CHANGE, Set.of("node-1", "node-4"));
		assertThat(totals()).isEqualTo(this.expected);
	}

	@Test
	@Order(7)
	void everyNodeStoppedAndStartedAgainKeepsEveryTotal() throws InterruptedException {
		for (String node : List.of("node-4", "node-1")) {
			this.nodes.get(node).terminate(CHANGE);
		}

		// node-1 first, until its journal is open: it is then the one serving the H2 file to the others.
		startNode("node-1");
		await().atMost(STARTUP)
			.ignoreExceptionsInstanceOf(UncheckedIOException.class)
			.until(() -> "UP".equals(component(this.nodes.get("node-1"), "castyJournal").path("status").asString()));
		startNode("node-2");
		startNode("node-3");
		awaitHosting(STARTUP, Set.of("node-1", "node-2", "node-3"));
		awaitEveryUserAnswers();
		assertThat(added(addPoints("user-7", 1, "after-restart"))).isEqualTo(this.expected.get("user-7") + 1);
		this.expected.merge("user-7", 1, Integer::sum);
	}

	@Test
	@Order(8)
	void theNodeServingTheJournalFileKilledWithSigkillLosesNoPoint() throws InterruptedException {
		this.nodes.get("node-1").kill();

		// Another node takes the H2 file over (automatic server mode) and node-1's shards with it.
		awaitHosting(CHANGE, Set.of("node-2", "node-3"));
		awaitEveryUserAnswers();
		for (String user : List.of("user-1", "user-2")) {
			await().atMost(CHANGE)
				.untilAsserted(() -> assertThat(added(addPoints(user, 2, "after-journal-kill-" + user)))
					.isEqualTo(this.expected.get(user) + 2));
			this.expected.merge(user, 2, Integer::sum);
		}
		assertThat(totals()).isEqualTo(this.expected);
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

	/**
	 * Waits until the live nodes report UP and own every shard between them, spread evenly:
	 * for changes after which former members may or may not still be listed.
	 */
	private void awaitHosting(Duration timeout, Set<String> live) {
		await().atMost(timeout)
			.pollInterval(Duration.ofMillis(200))
			.ignoreExceptionsInstanceOf(UncheckedIOException.class)
			.untilAsserted(() -> {
				for (String name : live) {
					assertThat(casty(this.nodes.get(name)).path("status").asString()).as(name + " health").isEqualTo("UP");
				}
				Map<Integer, String> owners = owners(live);
				assertThat(owners).as("owners of every shard").hasSize(SHARDS);
				assertThat(Set.copyOf(owners.values())).as("nodes owning shards").isEqualTo(live);
			});
	}

	/** A gauge or counter of a node, read from its Prometheus endpoint; 0 when absent. */
	private double metric(String node, String name) {
		SampleProcess process = this.nodes.get(node);
		if (!process.isAlive()) {
			return 0;
		}
		return get(process, "/actuator/prometheus").body()
			.lines()
			.filter((line) -> line.startsWith(name))
			.mapToDouble((line) -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
			.sum();
	}

	/** The total a 200 answer to a POST carries. */
	private int added(HttpResponse<String> response) {
		assertThat(response.statusCode()).as("POST answer: %s", response.body()).isEqualTo(200);
		return this.json.readTree(response.body()).path("points").asInt();
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

	private HttpResponse<String> addPoints(String user, int amount, String idempotencyKey) {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(this.api, "/users/" + user + "/points"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"amount\": " + amount + "}"));
		if (idempotencyKey != null) {
			request.header("Idempotency-Key", idempotencyKey);
		}
		return send(this.api, request);
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
		return component(process, "casty");
	}

	private JsonNode component(SampleProcess process, String name) {
		process.requireAlive();
		return this.json.readTree(get(process, "/actuator/health").body()).path("components").path(name);
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
