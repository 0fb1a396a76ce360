package io.casty.sample.loyalty.it;

import static io.casty.sample.loyalty.it.SampleSystem.TYPE;
import static io.casty.sample.loyalty.it.SampleSystem.shardOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

/**
 * The sample system as users run it ({@link SampleSystem}): three node-app processes on
 * 127.0.0.1-3 sharing one journal and the API process. The tests share the running system and go
 * in order, each changing it further: points are added (each answered once durable) and read,
 * bad requests are refused, every account is passivated, one node leaves with SIGTERM, another is
 * killed with SIGKILL, a new node joins and takes shards, every node is stopped and started
 * again, and the node serving the journal file to the others is killed. After each change every
 * user's total is exactly what was acknowledged: state lives in the journal, not in a node's
 * memory. Every {@code /actuator/health} shows the new membership.
 *
 * <p>Nodes detect failures fast here (heartbeats every 200 ms, 1 s acceptable pause, down after
 * 1 s) and passivate idle accounts after 2 s.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SampleSystemIT {

	private static final Duration STARTUP = SampleSystem.STARTUP;

	private static final Duration CHANGE = Duration.ofSeconds(30);

	private static final List<String> USERS = IntStream.range(0, 30).mapToObj((i) -> "user-" + i).toList();

	private static final List<String> NODES = List.of("node-1", "node-2", "node-3");

	private static final String RUNNING_ENTITIES = "casty_node_entities_running{shard_type=\"" + TYPE + "\"";

	private SampleSystem system;

	/** The points total the API must answer for each user. */
	private final Map<String, Integer> expected = new HashMap<>();

	@BeforeAll
	void startSystem() throws IOException {
		this.system = SampleSystem.start(NODES, List.of("--casty.node.gossip-interval=200ms",
				"--casty.node.heartbeat-interval=200ms", "--casty.node.acceptable-heartbeat-pause=1s",
				"--casty.node.down-after=1s", "--casty.node.topology-heartbeat-interval=300ms",
				"--casty.node.passivate-idle-after=2s"));
	}

	@AfterAll
	void stopSystem() {
		if (this.system != null) {
			this.system.close();
		}
	}

	@Test
	@Order(1)
	void eachAdditionIsAnsweredWithTheNewTotalAndARetriedKeyAddsOnce() {
		for (int i = 0; i < USERS.size(); i++) {
			String user = USERS.get(i);
			assertThat(this.system.added(this.system.addPoints(user, 10, null))).isEqualTo(10);
			assertThat(this.system.added(this.system.addPoints(user, i + 1, "order-" + i))).isEqualTo(11 + i);
			this.expected.put(user, 11 + i);
		}
		HttpResponse<String> retry = this.system.addPoints("user-3", 4, "order-3");
		assertThat(this.system.added(retry)).as("a retry answers the first total").isEqualTo(14);
		assertThat(retry.headers().firstValue("Idempotent-Replayed")).hasValue("true");

		assertThat(totals()).isEqualTo(this.expected);
		Map<Integer, String> owners = this.system.owners();
		assertThat(USERS.stream().map((user) -> owners.get(shardOf(user)))).as("every node owns some of the users")
			.containsAll(NODES);
	}

	@Test
	@Order(2)
	void badRequestsAreRefusedWithProblemDetailsAndChangeNothing() {
		assertBadRequest(this.system.addPoints("user-1", -5, null), "amount must be a positive integer");
		assertBadRequest(this.system.post("/users/user-1/points", "{\"amount\": "),
				"The request body must be a JSON object like {\"amount\": 100}, with amount a positive integer.");
		assertBadRequest(this.system.post("/users/" + "u".repeat(65) + "/points", "{\"amount\": 1}"),
				"userId must be 1 to 64 letters, digits, '.', '_' or '-'");
		assertBadRequest(this.system.get(this.system.api(), "/users/user%201/points"), "userId must be 1 to 64 letters, digits, '.', '_' or '-'");

		assertThat(totals()).isEqualTo(this.expected);
	}

	@Test
	@Order(3)
	void accountsPassivatedWhileIdleRecoverTheirTotalsFromTheJournal() {
		await().atMost(CHANGE)
			.pollInterval(Duration.ofMillis(200))
			.untilAsserted(() -> assertThat(NODES.stream().mapToDouble((node) -> this.system.metric(node, RUNNING_ENTITIES)).sum())
				.as("accounts running on any node")
				.isZero());

		assertThat(totals()).isEqualTo(this.expected);
	}

	@Test
	@Order(4)
	void nodeStoppedWithSigtermHandsItsShardsOverAndEveryTotalIsKept() throws InterruptedException {
		int exitCode = this.system.node("node-2").terminate(CHANGE);

		assertThat(exitCode).as("node-2 exits on SIGTERM after leaving, without being killed").isIn(0, 143);
		Map<Integer, String> after = this.system.awaitMembership(CHANGE, Set.of("node-1", "node-3"), Set.of());
		assertThat(after.values()).doesNotContain("node-2");
		assertThat(totals()).isEqualTo(this.expected);
	}

	@Test
	@Order(5)
	void nodeKilledWithSigkillIsDownedAndItsUsersKeepEveryAcknowledgedPoint() throws InterruptedException {
		Map<Integer, String> before = this.system.owners();
		List<String> survivingUsers = USERS.stream()
			.filter((user) -> before.get(shardOf(user)).equals("node-1"))
			.toList();

		this.system.node("node-3").kill();

		// Users whose shards live on the surviving node never notice.
		for (String user : survivingUsers) {
			assertThat(this.system.points(user)).as(user).isEqualTo(this.expected.get(user));
		}
		this.system.awaitMembership(CHANGE, Set.of("node-1"), Set.of("node-3"));
		awaitEveryUserAnswers();
		assertThat(this.system.added(this.system.addPoints("user-0", 5, "after-kill"))).isEqualTo(this.expected.get("user-0") + 5);
		this.expected.merge("user-0", 5, Integer::sum);
	}

	@Test
	@Order(6)
	void nodeJoiningTakesShardsWithTheirTotals() {
		this.system.addNode("node-4");

		this.system.awaitHosting(CHANGE, Set.of("node-1", "node-4"));
		assertThat(totals()).isEqualTo(this.expected);
	}

	@Test
	@Order(7)
	void everyNodeStoppedAndStartedAgainKeepsEveryTotal() throws InterruptedException {
		for (String node : List.of("node-4", "node-1")) {
			this.system.node(node).terminate(CHANGE);
		}

		// node-1 first, until its journal is open: it is then the one serving the H2 file to the others.
		this.system.startNode("node-1");
		await().atMost(STARTUP)
			.ignoreExceptionsInstanceOf(UncheckedIOException.class)
			.until(() -> "UP".equals(this.system.component(this.system.node("node-1"), "castyJournal").path("status").asString()));
		this.system.startNode("node-2");
		this.system.startNode("node-3");
		this.system.awaitHosting(STARTUP, Set.of("node-1", "node-2", "node-3"));
		awaitEveryUserAnswers();
		assertThat(this.system.added(this.system.addPoints("user-7", 1, "after-restart"))).isEqualTo(this.expected.get("user-7") + 1);
		this.expected.merge("user-7", 1, Integer::sum);
	}

	@Test
	@Order(8)
	void theNodeServingTheJournalFileKilledWithSigkillLosesNoPoint() throws InterruptedException {
		this.system.node("node-1").kill();

		// Another node takes the H2 file over (automatic server mode) and node-1's shards with it.
		this.system.awaitHosting(CHANGE, Set.of("node-2", "node-3"));
		awaitEveryUserAnswers();
		for (String user : List.of("user-1", "user-2")) {
			await().atMost(CHANGE)
				.untilAsserted(() -> assertThat(this.system.added(this.system.addPoints(user, 2, "after-journal-kill-" + user)))
					.isEqualTo(this.expected.get(user) + 2));
			this.expected.merge(user, 2, Integer::sum);
		}
		assertThat(totals()).isEqualTo(this.expected);
	}

	private void awaitEveryUserAnswers() {
		await().atMost(CHANGE).untilAsserted(() -> assertThat(totals()).isEqualTo(this.expected));
	}

	private Map<String, Integer> totals() {
		return this.system.totals(USERS);
	}

	private void assertBadRequest(HttpResponse<String> response, String detail) {
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		JsonNode problem = this.system.body(response);
		assertThat(problem.path("status").asInt()).isEqualTo(400);
		assertThat(problem.path("title").asString()).isEqualTo("Bad Request");
		assertThat(problem.path("detail").asString()).isEqualTo(detail);
	}

}
