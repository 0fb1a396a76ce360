package io.casty.sample.loyalty.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.casty.sample.loyalty.LoyaltyMessages;
import io.casty.sharding.ShardHash;
import io.casty.testing.FreePorts;
import io.casty.testing.NetworkNamespace;
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
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sample system as users run it, from the packaged jars: node-app processes sharing one
 * journal, and the API process, driven over HTTP. Nodes are started, stopped and killed by name;
 * each process logs to {@code target/sample-system/<name>.log}.
 *
 * <p>Two placements, one code path: {@link #start(List, List)} runs the nodes on 127.0.0.x of
 * this machine, sharing an H2 file in its automatic server mode (the embedded default, which the
 * first node serves to the others), seeded by the first node; {@link #start(NetworkNamespace,
 * String, List, List)} runs them inside a {@link NetworkNamespace} on its node addresses, on a
 * journal the test names (a database server outside the namespace), each seeded by every node
 * so that any of them may be killed and started again while the others run (a node whose only
 * seed is itself would found a cluster of its own). The API always runs in this JVM's namespace:
 * its client's connections to namespaced nodes leave from {@link NetworkNamespace#clientHost}.
 */
final class SampleSystem implements AutoCloseable {

	static final Duration STARTUP = Duration.ofSeconds(120);

	static final String TYPE = LoyaltyMessages.SHARD_TYPE;

	static final int SHARDS = LoyaltyMessages.NUM_SHARDS;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final JsonMapper json = JsonMapper.builder().build();

	private final Map<String, SampleProcess> nodes = new LinkedHashMap<>();

	/** Each node's cluster address, host:port, kept for restarts on the same address. */
	private final Map<String, String> addresses = new LinkedHashMap<>();

	/** Every process this system started, in order, the ones that ended too: for their logs. */
	private final List<SampleProcess> started = new ArrayList<>();

	/** Where the nodes run; null for this JVM's namespace, on 127.0.0.x. */
	private final NetworkNamespace network;

	private final List<String> nodeSettings;

	private final String journalUrl;

	private SampleProcess api;

	private SampleSystem(NetworkNamespace network, List<String> nodeSettings, String journalUrl) {
		this.network = network;
		this.nodeSettings = List.copyOf(nodeSettings);
		this.journalUrl = journalUrl;
	}

	/**
	 * Starts the nodes named {@code nodes} on 127.0.0.1, .2, … (the first one seeds the others)
	 * on a new journal file, and the API once the first node is up; returns once every node and
	 * the API see them all up with the shards spread.
	 *
	 * @param nodeSettings further arguments for every node, such as {@code --casty.node.down-after=1s}
	 */
	static SampleSystem start(List<String> nodes, List<String> nodeSettings) throws IOException {
		Path journal = Files.createDirectories(Path.of("target", "sample-system"))
			.resolve("journal-" + System.currentTimeMillis())
			.toAbsolutePath();
		return start(null, "jdbc:h2:file:" + journal + ";AUTO_SERVER=TRUE;WRITE_DELAY=0;FILE_LOCK=SOCKET", nodes, nodeSettings);
	}

	/**
	 * Starts the nodes named {@code nodes} inside {@code network} on its node addresses 1, 2, …
	 * (or on 127.0.0.1, .2, … of this namespace where {@code network} is null), all on the
	 * journal at {@code journalUrl}, and the API in this namespace once the first node is up;
	 * returns once every node and the API see them all up with the shards spread.
	 *
	 * @param nodeSettings further arguments for every node, such as {@code --casty.node.down-after=1s}
	 */
	static SampleSystem start(NetworkNamespace network, String journalUrl, List<String> nodes,
			List<String> nodeSettings) {
		SampleSystem system = new SampleSystem(network, nodeSettings, journalUrl);
		try {
			for (String node : nodes) {
				system.addresses.put(node, system.nextHost() + ":" + FreePorts.next());
			}
			// The first node alone until its journal is open: with the embedded journal it then serves
			// the H2 file to the others (so the tests know which node that is), and it is up to take the
			// API's subscription (so the nodes stopped later are never the API's contact point).
			String first = nodes.get(0);
			system.startNode(first);
			await().atMost(STARTUP)
				.ignoreExceptionsInstanceOf(UncheckedIOException.class)
				.until(() -> "UP".equals(system.casty(system.node(first)).path("status").asString())
						&& "UP".equals(system.component(system.node(first), "castyJournal").path("status").asString()));
			nodes.subList(1, nodes.size()).forEach(system::startNode);
			system.api = SampleProcess.start("api", jar("sample.api.jar"), FreePorts.next(),
					List.of("--casty.client.contact-points=" + String.join(",", system.addresses.values()),
							"--casty.client.ask-timeout=5s", "--casty.client.subscription-timeout=2s",
							"--casty.client.reconnect-backoff.min=50ms", "--casty.client.reconnect-backoff.max=500ms"));
			system.awaitMembership(STARTUP, Set.copyOf(nodes), Set.of());
			return system;
		}
		catch (RuntimeException | Error ex) {
			system.close();
			throw ex;
		}
	}

	/**
	 * Starts (or starts again) a node at its address, seeded by the first node's address, or in
	 * a namespace by every node's.
	 */
	void startNode(String name) {
		String[] hostPort = this.addresses.get(name).split(":");
		String seeds = (this.network == null) ? this.addresses.values().iterator().next()
				: String.join(",", this.addresses.values());
		List<String> arguments = new ArrayList<>(List.of("--casty.node.node-id=" + name,
				"--casty.node.host=" + hostPort[0], "--casty.node.port=" + hostPort[1],
				"--casty.node.seed-nodes=" + seeds, "--spring.datasource.url=" + this.journalUrl));
		arguments.addAll(this.nodeSettings);
		// Outside a namespace every node's HTTP port is on 127.0.0.1; inside, on the node's own address.
		SampleProcess node = (this.network == null)
				? SampleProcess.start(name, jar("sample.node-app.jar"), FreePorts.next(), arguments)
				: SampleProcess.start(name, jar("sample.node-app.jar"), hostPort[0], FreePorts.next(), arguments,
						this.network::exec);
		this.nodes.put(name, node);
		this.started.add(node);
	}

	/** Starts a node that was not there at the start, on the next address. */
	void addNode(String name) {
		this.addresses.put(name, nextHost() + ":" + FreePorts.next());
		startNode(name);
	}

	/** The host of the next node to get an address. */
	private String nextHost() {
		int index = this.addresses.size() + 1;
		return (this.network == null) ? "127.0.0." + index : this.network.nodeHost(index);
	}

	/** The address (host) a node listens on. */
	String host(String name) {
		return this.addresses.get(name).split(":")[0];
	}

	/** Every node process started, in order, including those that ended since. */
	List<SampleProcess> startedNodes() {
		return List.copyOf(this.started);
	}

	SampleProcess node(String name) {
		return this.nodes.get(name);
	}

	SampleProcess api() {
		return this.api;
	}

	@Override
	public void close() {
		if (this.api != null) {
			this.api.close();
		}
		for (SampleProcess node : this.nodes.values()) {
			node.close();
		}
	}

	/** The packaged jar the build names in system property {@code property}. */
	static Path jar(String property) {
		String path = System.getProperty(property);
		assertThat(path).as("system property %s (set by the build to the packaged jar)", property).isNotBlank();
		return Path.of(path);
	}

	static int shardOf(String user) {
		return ShardHash.shardOf(user, SHARDS);
	}

	// What the nodes report

	/**
	 * Waits until every live node and the API report the same membership (the live nodes UP,
	 * the killed ones DOWN, nobody else), and the shards are spread over the live nodes with no
	 * further rebalancing to come.
	 * @return the owner of every shard
	 */
	Map<Integer, String> awaitMembership(Duration timeout, Set<String> live, Set<String> down) {
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

	/**
	 * Waits until the live nodes report UP and own every shard between them: for changes after
	 * which former members may or may not still be listed.
	 */
	void awaitHosting(Duration timeout, Set<String> live) {
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
	Map<Integer, String> owners() {
		return owners(this.nodes.entrySet()
			.stream()
			.filter((node) -> node.getValue().isAlive())
			.map(Map.Entry::getKey)
			.collect(Collectors.toSet()));
	}

	/** A gauge or counter of a node, read from its Prometheus endpoint; 0 when the node is not running. */
	double metric(String node, String name) {
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

	JsonNode casty(SampleProcess process) {
		return component(process, "casty");
	}

	JsonNode component(SampleProcess process, String name) {
		process.requireAlive();
		return this.json.readTree(get(process, "/actuator/health").body()).path("components").path(name);
	}

	// The API

	/** Every user's total, each of which must be answered. */
	Map<String, Integer> totals(List<String> users) {
		Map<String, Integer> totals = new HashMap<>();
		users.forEach((user) -> totals.put(user, points(user)));
		return totals;
	}

	int points(String user) {
		HttpResponse<String> response = get(this.api, "/users/" + user + "/points");
		assertThat(response.statusCode()).as("GET points of %s: %s", user, response.body()).isEqualTo(200);
		JsonNode body = this.json.readTree(response.body());
		assertThat(body.path("userId").asString()).isEqualTo(user);
		return body.path("points").asInt();
	}

	HttpResponse<String> addPoints(String user, int amount, String idempotencyKey) {
		return send(this.api, addPointsRequest(user, amount, idempotencyKey));
	}

	/** {@link #addPoints}, answered asynchronously; fails with an {@link IOException} where the API does not answer. */
	CompletableFuture<HttpResponse<String>> addPointsAsync(String user, int amount, String idempotencyKey) {
		return sendAsync(addPointsRequest(user, amount, idempotencyKey));
	}

	/** GET of the user's points, answered asynchronously, whatever the status. */
	CompletableFuture<HttpResponse<String>> pointsAsync(String user) {
		return sendAsync(HttpRequest.newBuilder(uri(this.api, "/users/" + user + "/points")).GET());
	}

	private HttpRequest.Builder addPointsRequest(String user, int amount, String idempotencyKey) {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(this.api, "/users/" + user + "/points"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"amount\": " + amount + "}"));
		if (idempotencyKey != null) {
			request.header("Idempotency-Key", idempotencyKey);
		}
		return request;
	}

	/** The total a 200 answer to a POST carries. */
	int added(HttpResponse<String> response) {
		assertThat(response.statusCode()).as("POST answer: %s", response.body()).isEqualTo(200);
		return this.json.readTree(response.body()).path("points").asInt();
	}

	JsonNode body(HttpResponse<String> response) {
		return this.json.readTree(response.body());
	}

	HttpResponse<String> get(SampleProcess process, String path) {
		return send(process, HttpRequest.newBuilder(uri(process, path)).GET());
	}

	HttpResponse<String> post(String path, String body) {
		return send(this.api, HttpRequest.newBuilder(uri(this.api, path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	private static URI uri(SampleProcess process, String path) {
		return URI.create("http://" + process.httpHost() + ":" + process.httpPort() + path);
	}

	private CompletableFuture<HttpResponse<String>> sendAsync(HttpRequest.Builder request) {
		this.api.requireAlive();
		return this.http.sendAsync(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
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
