package io.casty.sample.loyalty.it;

import static io.casty.sample.loyalty.it.SampleSystem.shardOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.casty.sample.loyalty.LoyaltyMessages;
import io.casty.testing.NetworkNamespace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;
import org.h2.tools.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A Jepsen-style partition soak of the durable sample: three node-app processes in a
 * {@link NetworkNamespace} of the test's own, with the failure detector's default settings, the
 * API in this JVM's namespace, and a paced load of additions through the API while a nemesis cuts,
 * pauses and kills nodes, for {@code -Dpartition-soak.duration} (default {@code 150s}; the seed of
 * its choices is printed and can be given with {@code -Dpartition-soak.seed}). Skipped where
 * network namespaces or iptables are not available (not root).
 *
 * <p>The journal stands apart from the nodes like a real database server: an H2 TCP server in
 * this JVM, outside the namespace, listening on every address; the nodes reach it at the
 * namespace's {@link NetworkNamespace#serviceHost service address}, which no cut names. It is
 * not the {@link NetworkNamespace#clientHost client address} because that one is cut: the API's
 * connections to the nodes leave from it, so {@link NetworkNamespace#isolate isolating} a node
 * (from the other nodes and from the client) cuts it from the API too, and a database on that
 * address would be cut with them. (H2's automatic server mode would not do either: the node
 * serving the file to the others would take the database into its partition.)
 *
 * <p>The load: each of {@value #USER_COUNT} users has one addition in flight at a time, of 1
 * point under an idempotency key of its own ({@code <user>#<n>}), sent every
 * {@value #TICK_MS} ms at most; an addition not answered 200 (503, 504, no answer in time) is
 * sent again with the same key on the next tick, until it is. Random users' totals are read
 * meanwhile. Every acknowledged total must equal the number of the user's additions acknowledged
 * so far, and every read total lie between the additions acknowledged before it was sent and
 * those acknowledged (or in flight) when it came back.
 *
 * <p>The nemesis, one fault at a time, each held for {@value #HOLD_SECONDS} s (longer than
 * detection and {@code down-after}), then healed, and the next one only once the cluster is whole
 * again (every node UP in every view, the shards spread, every shard answering): a node isolated
 * from the others and the API, a cut between two nodes only, a one-way cut, a node paused with
 * SIGSTOP for {@value #PAUSE_SECONDS} s, and a node killed with SIGKILL and started again at its
 * address. While a fault is held, the API's view of the members must show no node downed but
 * those the fault involves, and of a cut's two sides at most one.
 *
 * <p>At the end, once the network is whole and every addition acknowledged, the checker: every
 * user's total and its events in the journal equal its acknowledged additions (none lost, none
 * applied twice), the API's health is UP. Fenced appends (a stale incarnation refused by the
 * journal's primary key) are counted and reported: two writers that were fenced are fine, a lost
 * or doubled point is not. The report gives the longest unavailability (no 200 for any of its
 * users) per shard and per kind of fault.
 */
class PartitionSoakIT {

	static final int USER_COUNT = 30;

	static final int TICK_MS = 200;

	static final int HOLD_SECONDS = 8;

	static final int PAUSE_SECONDS = 5;

	private static final Duration DURATION = Duration
		.parse("PT" + System.getProperty("partition-soak.duration", "150s").toUpperCase());

	private static final List<String> NODES = List.of("node-1", "node-2", "node-3");

	/** How long the cluster may take to be whole again after a fault is healed. */
	private static final Duration RECOVERY = Duration.ofSeconds(90);

	/** Reads of random users per tick, and at most in flight. */
	private static final int READS_PER_TICK = 5;

	private static final int MOST_READS_IN_FLIGHT = 10;

	private static final String FENCED = "casty_journal_appends_fenced_total";

	private static final String FENCED_LOG = "was already written by another incarnation";

	private enum Kind {

		ISOLATION("isolation"), PARTIAL("partial cut"), ONE_WAY("one-way cut"), PAUSE("SIGSTOP " + PAUSE_SECONDS + " s"),
		KILL("SIGKILL + restart");

		final String label;

		Kind(String label) {
			this.label = label;
		}
	}

	/** One fault, from when it began to when the cluster was whole again. */
	private static final class Fault {

		final Kind kind;

		final String what;

		/** The nodes the fault involves: the only ones the cluster may down for it. */
		final Set<String> involved;

		/** The nodes the API saw downed (DOWN or gone from the members) while the fault was held. */
		final Set<String> downed = new TreeSet<>();

		final long startNanos = System.nanoTime();

		/** When the network was healed, the node resumed or started again. */
		long endNanos;

		/** When the cluster was whole again; 0 if it was not. */
		long wholeNanos;

		/** What the API's health said of the members while the fault was held, each change with ms since the start. */
		final List<String> views = new ArrayList<>();

		private String lastView;

		Fault(Kind kind, String what, Set<String> involved) {
			this.kind = kind;
			this.what = what;
			this.involved = involved;
		}

		void observed(MembersView view) {
			downed.addAll(view.downed());
			if (!view.text().equals(lastView)) {
				views.add("+" + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos) + " ms " + view.text());
				lastView = view.text();
			}
		}

		/**
		 * What the cluster did wrong for this fault, if anything: it downed a node outside it, or
		 * both sides of a cut (where downing one of the two is enough).
		 */
		Optional<String> wrongDowning() {
			Set<String> outside = new TreeSet<>(downed);
			outside.removeAll(involved);
			if (!outside.isEmpty()) {
				return Optional.of(what + ": downed " + outside + ", outside the fault");
			}
			if (involved.size() > 1 && downed.containsAll(involved)) {
				return Optional.of(what + ": downed both " + involved);
			}
			return Optional.empty();
		}

		@Override
		public String toString() {
			return what + ": " + views + (downed.isEmpty() ? "" : ", downed " + downed) + (wholeNanos == 0 ? ", NOT whole again"
					: ", whole " + TimeUnit.NANOSECONDS.toMillis(wholeNanos - endNanos) + " ms after the end");
		}
	}

	/** The API's view of the members: the ones not UP or unreachable, for people, and the ones downed. */
	private record MembersView(String text, Set<String> downed) {
	}

	/** The additions to one user's account. Guarded by itself. */
	private static final class User {

		final String id;

		final int shard;

		long made;

		/** The key of the addition not yet acknowledged, or null. */
		String pendingKey;

		boolean inFlight;

		long acknowledged;

		User(String id) {
			this.id = id;
			this.shard = shardOf(id);
		}
	}

	/** The nemesis's choices; the reads pick their users at random, on the load's thread, without it. */
	private final Random random = new Random();

	private final Map<String, User> users = new LinkedHashMap<>();

	private final AtomicLong posts = new AtomicLong();

	private final AtomicLong retries = new AtomicLong();

	private final AtomicLong replayed = new AtomicLong();

	private final AtomicLong reads = new AtomicLong();

	private final AtomicInteger readsInFlight = new AtomicInteger();

	private final Map<String, Long> postFailures = new ConcurrentHashMap<>();

	private final Map<String, Long> readFailures = new ConcurrentHashMap<>();

	private final List<String> outOfStep = new CopyOnWriteArrayList<>();

	private final List<String> staleReads = new CopyOnWriteArrayList<>();

	private final List<String> readsAhead = new CopyOnWriteArrayList<>();

	/** Per shard, when each 200 for one of its users came back. */
	private final Map<Integer, ConcurrentLinkedQueue<Long>> answered = new ConcurrentHashMap<>();

	/** Per shard, when the latest 200 for one of its users came back. */
	private final Map<Integer, AtomicLong> lastAnswered = new ConcurrentHashMap<>();

	private final List<Fault> faults = new ArrayList<>();

	private final List<String> notRecovered = new ArrayList<>();

	/** Fenced appends counted by nodes just before they were killed (their counters die with them). */
	private double fencedBeforeKills;

	private volatile boolean adding = true;

	private NetworkNamespace network;

	private Server database;

	private SampleSystem system;

	private ScheduledExecutorService load;

	@AfterEach
	void stopEverything() throws InterruptedException {
		try {
			if (this.load != null) {
				this.load.shutdownNow();
				this.load.awaitTermination(10, TimeUnit.SECONDS);
			}
			if (this.system != null) {
				this.system.close();
			}
			if (this.database != null) {
				this.database.stop();
			}
		}
		finally {
			if (this.network != null) {
				this.network.close();
			}
		}
	}

	@Test
	void noAcknowledgedPointIsLostOrAddedTwiceWhilePartitionsPausesAndCrashesComeAndGo() throws Exception {
		long seed = Long.getLong("partition-soak.seed", System.nanoTime());
		this.random.setSeed(seed);
		this.network = NetworkNamespace.create("soak");
		Path directory = Files.createDirectories(Path.of("target", "partition-soak", "journal-" + System.currentTimeMillis()))
			.toAbsolutePath();
		this.database = Server
			.createTcpServer("-tcpPort", "0", "-tcpAllowOthers", "-ifNotExists", "-baseDir", directory.toString())
			.start();
		String journal = "jdbc:h2:tcp://" + this.network.serviceHost() + ":" + this.database.getPort() + "/journal";
		long startedAt = System.nanoTime();
		this.system = SampleSystem.start(this.network, journal, NODES, List.of());
		long startupMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt);
		System.out.println("Partition soak: nodes " + NODES.stream().map((node) -> node + " on " + this.system.host(node)).toList()
				+ ", the API's connections from " + this.network.clientHost() + ", the journal at " + journal
				+ "; up in " + startupMillis + " ms; seed " + seed);

		IntStream.range(0, USER_COUNT).mapToObj((i) -> "user-" + i).forEach((id) -> this.users.put(id, new User(id)));
		this.users.values().forEach((user) -> {
			this.answered.putIfAbsent(user.shard, new ConcurrentLinkedQueue<>());
			this.lastAnswered.putIfAbsent(user.shard, new AtomicLong(Long.MIN_VALUE));
		});
		long loadStart = System.nanoTime();
		this.load = Executors.newSingleThreadScheduledExecutor((runnable) -> new Thread(runnable, "partition-soak-load"));
		this.load.scheduleAtFixedRate(this::tick, 0, TICK_MS, TimeUnit.MILLISECONDS);
		awaitEveryShardAnsweredSince(loadStart);

		nemesis(System.nanoTime() + DURATION.toNanos());

		// The end: the network whole, no new additions, and the pending ones retried until acknowledged.
		this.network.heal();
		boolean whole = awaitWhole();
		this.adding = false;
		long loadEnd = System.nanoTime();
		boolean settled = awaitSettled();
		this.load.shutdown();
		assertThat(this.load.awaitTermination(30, TimeUnit.SECONDS)).as("the load stopped").isTrue();
		await("the reads in flight answered").atMost(Duration.ofSeconds(15)).until(() -> this.readsInFlight.get() == 0);

		Map<String, Integer> totals = finalTotals();
		Map<String, long[]> rows = journalRows(journal.replace(this.network.serviceHost(), "127.0.0.1"));
		double fencedCounted = this.fencedBeforeKills;
		for (String node : NODES) {
			fencedCounted += this.system.metric(node, FENCED);
		}
		long fencedLogged = fencedLogLines();
		String health = this.system.body(this.system.get(this.system.api(), "/actuator/health")).path("status").asString();

		long lost = 0;
		long twice = 0;
		List<String> wrong = new ArrayList<>();
		long acknowledged = 0;
		long journalRows = 0;
		for (User user : this.users.values()) {
			long[] written = rows.getOrDefault(user.id, new long[2]);
			acknowledged += user.acknowledged;
			journalRows += written[0];
			if (!totals.containsKey(user.id)) {
				wrong.add(user.id + ": total not read, " + written[0] + " events in the journal, " + user.acknowledged
						+ " additions acknowledged");
				continue;
			}
			long total = totals.get(user.id);
			lost += Math.max(0, user.acknowledged - Math.min(total, written[0]));
			twice += Math.max(0, Math.max(total, written[0]) - user.acknowledged);
			if (total != user.acknowledged || written[0] != user.acknowledged || written[1] != written[0]) {
				wrong.add(user.id + ": total " + total + ", " + written[0] + " events in the journal (last seq_nr "
						+ written[1] + "), " + user.acknowledged + " additions acknowledged");
			}
		}

		StringBuilder report = new StringBuilder();
		report.append("=== Partition soak: ").append(DURATION.toSeconds()).append(" s of faults, ").append(this.faults.size())
			.append(" faults, 3 nodes with the failure detector's defaults, seed ").append(seed).append(" ===\n");
		report.append("startup: ").append(startupMillis).append(" ms; the test so far: ")
			.append(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startedAt)).append(" s\n");
		Map<String, Integer> byKind = new TreeMap<>();
		this.faults.forEach((fault) -> byKind.merge(fault.kind.label, 1, Integer::sum));
		report.append("faults: ").append(byKind).append('\n');
		report.append("in order (the API's view of the members while held):\n");
		this.faults.forEach((fault) -> report.append("  ").append(fault).append('\n'));
		List<String> wrongDowning = this.faults.stream().flatMap((fault) -> fault.wrongDowning().stream()).toList();
		report.append("faults with a node downed outside them, or both sides of a cut downed: ").append(wrongDowning)
			.append('\n');
		report.append("not recovered from: ").append(this.notRecovered).append(whole ? "" : " (nor the final heal)")
			.append('\n');
		if (!settled) {
			report.append("additions still unacknowledged after the end: ").append(unsettled()).append('\n');
		}
		report.append("additions acknowledged: ").append(acknowledged).append(" over ").append(USER_COUNT)
			.append(" users; POSTs sent: ").append(this.posts.get()).append(" (").append(this.retries.get())
			.append(" retries of an unacknowledged key, ").append(this.replayed.get())
			.append(" answered as replays)\n");
		report.append("POSTs not answered 200, by kind: ").append(new TreeMap<>(this.postFailures)).append('\n');
		report.append("acknowledged totals out of step with the additions acknowledged: ").append(this.outOfStep.size())
			.append(this.outOfStep.isEmpty() ? "" : " " + this.outOfStep.subList(0, Math.min(10, this.outOfStep.size())))
			.append('\n');
		report.append("reads answered: ").append(this.reads.get()).append("; not answered 200, by kind: ")
			.append(new TreeMap<>(this.readFailures)).append('\n');
		report.append("reads behind the additions acknowledged before them (stale): ").append(this.staleReads.size())
			.append(this.staleReads.isEmpty() ? "" : " " + this.staleReads.subList(0, Math.min(10, this.staleReads.size())))
			.append("; ahead of those acknowledged or in flight: ").append(this.readsAhead.size())
			.append(this.readsAhead.isEmpty() ? "" : " " + this.readsAhead.subList(0, Math.min(10, this.readsAhead.size())))
			.append('\n');
		report.append("journal events of the users: ").append(journalRows).append('\n');
		report.append("acknowledged additions lost: ").append(lost).append('\n');
		report.append("additions applied twice: ").append(twice).append('\n');
		report.append("users whose total or journal disagrees: ").append(wrong.size()).append(wrong.isEmpty() ? "" : " " + wrong)
			.append('\n');
		report.append("fenced appends (a second writer refused by the journal): ").append((long) fencedCounted)
			.append(" counted by the nodes (").append((long) this.fencedBeforeKills).append(" of them by nodes before their SIGKILL), ")
			.append(fencedLogged).append(" logged\n");
		report.append("API health at the end: ").append(health).append('\n');
		report.append("longest unavailability per shard (s): ").append(longestPerShard(loadStart, loadEnd)).append('\n');
		report.append("longest unavailability per fault kind (s): ").append(longestPerKind(loadStart, loadEnd)).append('\n');
		System.out.print(report);

		assertThat(this.notRecovered).as("faults the cluster was not whole again after").isEmpty();
		assertThat(wrongDowning).as("faults with a node downed outside them, or both sides of a cut").isEmpty();
		assertThat(whole).as("the cluster whole again after the final heal").isTrue();
		assertThat(settled).as("every addition acknowledged after the final heal").isTrue();
		assertThat(lost).as("acknowledged additions lost").isZero();
		assertThat(twice).as("additions applied twice").isZero();
		assertThat(wrong).as("users whose total or journal disagrees with the additions acknowledged").isEmpty();
		assertThat(this.outOfStep).as("acknowledged totals out of step").isEmpty();
		assertThat(health).as("the API's health at the end").isEqualTo("UP");
	}

	// The nemesis

	/** One fault after the other, each followed by recovery, until {@code end} (or until the cluster does not recover). */
	private void nemesis(long end) throws Exception {
		List<Kind> kinds = List.of(Kind.values());
		for (int round = 0; System.nanoTime() < end; round++) {
			Kind kind = kinds.get(round % kinds.size());
			List<String> shuffled = new ArrayList<>(NODES);
			Collections.shuffle(shuffled, this.random);
			String victim = shuffled.get(0);
			String other = shuffled.get(1);
			Fault fault;
			switch (kind) {
				case ISOLATION -> {
					fault = began(kind, "isolation of " + victim, victim);
					this.network.isolate(this.system.host(victim));
					hold(fault, Duration.ofSeconds(HOLD_SECONDS));
					this.network.heal();
				}
				case PARTIAL -> {
					fault = began(kind, "cut " + victim + " <-> " + other, victim, other);
					this.network.cut(this.system.host(victim), this.system.host(other));
					hold(fault, Duration.ofSeconds(HOLD_SECONDS));
					this.network.heal();
				}
				case ONE_WAY -> {
					fault = began(kind, "cut " + victim + " -> " + other + " one way", victim, other);
					this.network.cutOneWay(this.system.host(victim), this.system.host(other));
					hold(fault, Duration.ofSeconds(HOLD_SECONDS));
					this.network.heal();
				}
				case PAUSE -> {
					fault = began(kind, "SIGSTOP " + victim + " for " + PAUSE_SECONDS + " s", victim);
					this.system.node(victim).signal("STOP");
					hold(fault, Duration.ofSeconds(PAUSE_SECONDS));
					this.system.node(victim).signal("CONT");
				}
				default -> {
					// Its fence counter dies with it: read it first (the cluster is whole, the node reachable).
					this.fencedBeforeKills += this.system.metric(victim, FENCED);
					fault = began(kind, "SIGKILL " + victim + ", restarted after " + HOLD_SECONDS + " s", victim);
					this.system.node(victim).kill();
					hold(fault, Duration.ofSeconds(HOLD_SECONDS));
					this.system.startNode(victim);
				}
			}
			fault.endNanos = System.nanoTime();
			if (!awaitWhole()) {
				this.notRecovered.add(fault.what + ": not whole within " + RECOVERY.toSeconds() + " s, health "
						+ healthReasons());
				return;
			}
			fault.wholeNanos = System.nanoTime();
			try {
				awaitEveryShardAnsweredSince(fault.wholeNanos);
			}
			catch (ConditionTimeoutException ex) {
				this.notRecovered.add(fault.what + ": a shard still unanswered 30 s after the cluster was whole");
				return;
			}
		}
	}

	private Fault began(Kind kind, String what, String... involved) {
		Fault fault = new Fault(kind, what, Set.of(involved));
		this.faults.add(fault);
		System.out.println("Partition soak: " + what);
		return fault;
	}

	/** Holds the fault for {@code duration}, noting how the API sees the members meanwhile. */
	private void hold(Fault fault, Duration duration) {
		long until = System.nanoTime() + duration.toNanos();
		await().pollDelay(Duration.ZERO)
			.pollInterval(Duration.ofMillis(250))
			.atMost(duration.plusSeconds(10))
			.until(() -> {
				fault.observed(apiView());
				return System.nanoTime() >= until;
			});
	}

	/**
	 * The members that are not UP or are unreachable, as the API's health says ("all up" if none),
	 * and the nodes downed: DOWN, or gone from a members list that names others.
	 */
	private MembersView apiView() {
		JsonNode casty;
		try {
			casty = this.system.casty(this.system.api());
		}
		catch (UncheckedIOException ex) {
			return new MembersView("the API unanswered", Set.of());
		}
		List<String> view = new ArrayList<>();
		Set<String> listed = new TreeSet<>();
		Set<String> downed = new TreeSet<>();
		casty.path("details").path("members").forEach((member) -> {
			String node = member.path("nodeId").asString();
			String status = member.path("status").asString();
			listed.add(node);
			if (!"UP".equals(status)) {
				view.add(node + " " + status);
			}
			if ("DOWN".equals(status) || "REMOVED".equals(status)) {
				downed.add(node);
			}
		});
		if (!listed.isEmpty()) {
			NODES.stream().filter((node) -> !listed.contains(node)).forEach(downed::add);
		}
		casty.path("details").path("unreachable").forEach((address) -> view.add(address.asString() + " unreachable"));
		return new MembersView(view.isEmpty() ? "all up" : String.join(", ", view), downed);
	}

	/** Waits until every node and the API see all three UP with the shards spread; false if not in time. */
	private boolean awaitWhole() {
		try {
			this.system.awaitMembership(RECOVERY, Set.copyOf(NODES), Set.of());
			return true;
		}
		catch (ConditionTimeoutException ex) {
			System.out.println("Partition soak: not whole within " + RECOVERY.toSeconds() + " s: " + ex.getMessage()
					+ "\nPartition soak: health: " + healthReasons());
			return false;
		}
	}

	/** Each process's casty health status, with its reason where it is not UP. */
	private Map<String, String> healthReasons() {
		Map<String, String> reasons = new TreeMap<>();
		List<String> names = new ArrayList<>(NODES);
		names.add("api");
		for (String name : names) {
			SampleProcess process = name.equals("api") ? this.system.api() : this.system.node(name);
			try {
				JsonNode casty = this.system.casty(process);
				String status = casty.path("status").asString();
				reasons.put(name, "UP".equals(status) ? status
						: status + " (" + casty.path("details").path("reason").asString() + ")");
			}
			catch (RuntimeException unanswered) {
				reasons.put(name, "unanswered: " + unanswered.getMessage());
			}
		}
		return reasons;
	}

	private void awaitEveryShardAnsweredSince(long nanos) {
		await("every shard answered").atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> this.lastAnswered.values().stream().allMatch((last) -> last.get() > nanos));
	}

	// The load

	/** One batch: every user's next (or unacknowledged) addition, and a few reads. */
	private void tick() {
		this.users.values().forEach(this::add);
		for (int i = 0; i < READS_PER_TICK && this.readsInFlight.get() < MOST_READS_IN_FLIGHT; i++) {
			read(this.users.get("user-" + ThreadLocalRandom.current().nextInt(USER_COUNT)));
		}
	}

	private void add(User user) {
		String key;
		synchronized (user) {
			if (user.inFlight) {
				return;
			}
			if (user.pendingKey == null) {
				if (!this.adding) {
					return;
				}
				user.pendingKey = user.id + "#" + (++user.made);
			}
			else {
				this.retries.incrementAndGet();
			}
			user.inFlight = true;
			key = user.pendingKey;
		}
		this.posts.incrementAndGet();
		CompletableFuture<HttpResponse<String>> response;
		try {
			response = this.system.addPointsAsync(user.id, 1, key);
		}
		catch (RuntimeException notSent) {
			response = CompletableFuture.failedFuture(notSent);
		}
		response.whenComplete((answer, failure) -> added(user, key, answer, failure));
	}

	private void added(User user, String key, HttpResponse<String> answer, Throwable failure) {
		long now = System.nanoTime();
		synchronized (user) {
			user.inFlight = false;
			if (failure != null || answer.statusCode() != 200) {
				// The key stays pending: the next tick sends it again.
				this.postFailures.merge(failureKind(answer, failure), 1L, Long::sum);
				return;
			}
			user.acknowledged++;
			user.pendingKey = null;
			int total = this.system.body(answer).path("points").asInt();
			if (answer.headers().firstValue("Idempotent-Replayed").isPresent()) {
				this.replayed.incrementAndGet();
			}
			if (total != user.acknowledged) {
				this.outOfStep.add(user.id + ": " + key + " answered " + total + " after " + user.acknowledged
						+ " acknowledged additions");
			}
		}
		answeredAt(user.shard, now);
	}

	private void read(User user) {
		long before;
		synchronized (user) {
			before = user.acknowledged;
		}
		this.readsInFlight.incrementAndGet();
		CompletableFuture<HttpResponse<String>> response;
		try {
			response = this.system.pointsAsync(user.id);
		}
		catch (RuntimeException notSent) {
			response = CompletableFuture.failedFuture(notSent);
		}
		response.whenComplete((answer, failure) -> {
			long now = System.nanoTime();
			try {
				if (failure != null || answer.statusCode() != 200) {
					this.readFailures.merge(failureKind(answer, failure), 1L, Long::sum);
					return;
				}
				this.reads.incrementAndGet();
				int total = this.system.body(answer).path("points").asInt();
				long most;
				synchronized (user) {
					most = user.acknowledged + ((user.pendingKey != null) ? 1 : 0);
				}
				if (total < before) {
					this.staleReads.add(user.id + ": " + total + " after " + before + " acknowledged");
				}
				else if (total > most) {
					this.readsAhead.add(user.id + ": " + total + " with " + most + " acknowledged or in flight");
				}
				answeredAt(user.shard, now);
			}
			finally {
				this.readsInFlight.decrementAndGet();
			}
		});
	}

	private void answeredAt(int shard, long nanos) {
		this.answered.get(shard).add(nanos);
		this.lastAnswered.get(shard).accumulateAndGet(nanos, Math::max);
	}

	/** The status and the reason (or title) of a failed answer, or the exception's class where there was none. */
	private String failureKind(HttpResponse<String> answer, Throwable failure) {
		if (failure != null) {
			Throwable cause = (failure.getCause() != null) ? failure.getCause() : failure;
			return "no answer: " + cause.getClass().getSimpleName();
		}
		try {
			JsonNode problem = this.system.body(answer);
			String reason = problem.path("reason").asString("");
			return answer.statusCode() + " " + (reason.isEmpty() ? problem.path("title").asString("") : reason);
		}
		catch (RuntimeException notJson) {
			return Integer.toString(answer.statusCode());
		}
	}

	/** Waits until every addition is acknowledged, the pending ones retried meanwhile; false if not in time. */
	private boolean awaitSettled() {
		try {
			await("every addition acknowledged").atMost(Duration.ofSeconds(120)).until(this::settled);
			return true;
		}
		catch (ConditionTimeoutException ex) {
			return false;
		}
	}

	private List<String> unsettled() {
		return this.users.values().stream().filter((user) -> {
			synchronized (user) {
				return user.pendingKey != null;
			}
		}).map((user) -> user.id + " (shard " + user.shard + ")").toList();
	}

	private boolean settled() {
		return this.users.values().stream().allMatch((user) -> {
			synchronized (user) {
				return user.pendingKey == null && !user.inFlight;
			}
		});
	}

	// The checker

	/**
	 * Every user's total, each read until answered 200, within 60 s for all (a user read after
	 * that still gets 5 s); a user whose total could not be read is left out.
	 */
	private Map<String, Integer> finalTotals() {
		Map<String, Integer> totals = new TreeMap<>();
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		for (String user : this.users.keySet()) {
			AtomicReference<Integer> total = new AtomicReference<>();
			try {
				await(user + "'s total read")
					.atMost(Duration.ofNanos(Math.max(deadline - System.nanoTime(), Duration.ofSeconds(5).toNanos())))
					.ignoreExceptionsInstanceOf(UncheckedIOException.class)
					.untilAsserted(() -> total.set(this.system.points(user)));
				totals.put(user, total.get());
			}
			catch (ConditionTimeoutException unanswered) {
				System.out.println("Partition soak: " + user + "'s total not read: " + unanswered.getMessage());
			}
		}
		return totals;
	}

	/** Per user, the number of its events in the journal and the highest sequence number among them. */
	private static Map<String, long[]> journalRows(String url) throws SQLException {
		String prefix = LoyaltyMessages.SHARD_TYPE + "|";
		Map<String, long[]> rows = new TreeMap<>();
		try (Connection connection = DriverManager.getConnection(url, "casty", "");
				PreparedStatement select = connection.prepareStatement("SELECT persistence_id, COUNT(*), MAX(seq_nr) "
						+ "FROM casty_event_journal WHERE persistence_id LIKE ? GROUP BY persistence_id")) {
			select.setString(1, prefix + "%");
			try (ResultSet result = select.executeQuery()) {
				while (result.next()) {
					rows.put(result.getString(1).substring(prefix.length()),
							new long[] { result.getLong(2), result.getLong(3) });
				}
			}
		}
		return rows;
	}

	/** The fenced appends the nodes logged, every process that ran included. */
	private long fencedLogLines() throws IOException {
		long lines = 0;
		for (SampleProcess node : this.system.startedNodes()) {
			try (Stream<String> log = Files.lines(node.log())) {
				lines += log.filter((line) -> line.contains(FENCED_LOG)).count();
			}
		}
		return lines;
	}

	/** Per shard with users, the longest time without a 200 for any of them while the load ran, in s. */
	private Map<Integer, String> longestPerShard(long from, long to) {
		Map<Integer, String> longest = new TreeMap<>();
		this.answered.forEach((shard, times) -> longest.put(shard,
				seconds(gaps(times, from, to).stream().mapToLong((gap) -> gap[1] - gap[0]).max().orElse(0))));
		return longest;
	}

	/** Per kind of fault, the longest time a shard went without a 200 while a fault of that kind lasted, in s. */
	private Map<String, String> longestPerKind(long from, long to) {
		Map<String, Long> longest = new TreeMap<>();
		this.answered.forEach((shard, times) -> {
			for (long[] gap : gaps(times, from, to)) {
				for (Fault fault : this.faults) {
					long faultEnd = (fault.wholeNanos == 0) ? to : fault.wholeNanos;
					if (gap[0] < faultEnd && gap[1] > fault.startNanos) {
						longest.merge(fault.kind.label, gap[1] - gap[0], Math::max);
					}
				}
			}
		});
		Map<String, String> inSeconds = new TreeMap<>();
		longest.forEach((kind, nanos) -> inSeconds.put(kind, seconds(nanos)));
		return inSeconds;
	}

	/** The times between consecutive 200s in {@code [from, to]}, the bounds counted as answers. */
	private static List<long[]> gaps(ConcurrentLinkedQueue<Long> times, long from, long to) {
		List<Long> sorted = new ArrayList<>(times.stream().filter((time) -> time > from && time < to).sorted().toList());
		sorted.add(0, from);
		sorted.add(to);
		List<long[]> gaps = new ArrayList<>();
		for (int i = 1; i < sorted.size(); i++) {
			gaps.add(new long[] { sorted.get(i - 1), sorted.get(i) });
		}
		return gaps;
	}

	private static String seconds(long nanos) {
		return String.format("%.1f", nanos / 1e9);
	}

}
