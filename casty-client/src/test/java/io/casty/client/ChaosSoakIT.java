package io.casty.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.casty.client.TestEntities.Add;
import io.casty.client.TestEntities.AddAndGet;
import io.casty.client.TestEntities.CounterCommand;
import io.casty.client.TestEntities.DurableCommand;
import io.casty.sharding.ShardHash;
import io.casty.testing.FreePorts;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The chaos soak: three node processes and two clients under a steady load of tells and asks
 * while nodes are killed (SIGKILL), stopped (SIGTERM), paused (SIGSTOP for less than the
 * failure detector tolerates) and restarted, and have their TCP connections cut while both ends
 * live ({@code ss -K}, when this user may: see {@link ConnectionCuts}), for
 * {@code -Dsoak.duration} (say {@code 5m}). Not part of the build; docs/reliability.md gives the
 * command. It prints what happened and fails on an unanswered ask, an entity that ran on two
 * nodes at once, or a cut connection that was not restored.
 *
 * <p>With {@code -Dsoak.durable=true} the nodes also host the {@link DurableCounter}s on one
 * shared H2 journal file, and the clients make persisted additions to them, each retried with its
 * idempotency key until acknowledged ({@link DurableAdditions}); the soak then also fails unless
 * every entity's total and journal hold each acknowledged addition exactly once.
 */
@EnabledIfSystemProperty(named = "soak.duration", matches = ".+")
class ChaosSoakIT {

	private static final String SYSTEM = "soak";

	private static final int ENTITIES = 200;

	private static final Duration ASK_TIMEOUT = Duration.ofSeconds(2);

	/** How long a node and the clients may take to reconnect after their connections were cut. */
	private static final Duration RECONNECT_TIMEOUT = Duration.ofSeconds(30);

	/** The key, in what a node is connected to, of how many connections the clients have with it. */
	private static final String CLIENTS = "clients";

	/** Whether the nodes host the durable counters and the load makes persisted additions. */
	private static final boolean DURABLE = Boolean.getBoolean("soak.durable");

	private static final int DURABLE_ENTITIES = 40;

	/** Longer than an entity's own append and recovery timeouts (3 s), so that its typed failure comes first. */
	private static final Duration DURABLE_ASK_TIMEOUT = Duration.ofSeconds(5);

	/** The journal the nodes share in the durable mode; null otherwise. */
	private SharedJournal journal;

	private final int[] ports = { FreePorts.next(), FreePorts.next(), FreePorts.next() };

	private final NodeProcess[] nodes = new NodeProcess[3];

	private final List<NodeProcess> everyProcess = new CopyOnWriteArrayList<>();

	private final Random random = new Random(7);

	private enum Outcome {

		SUCCEEDED, LOST, TIMED_OUT, UNAVAILABLE, OTHER_ERROR

	}

	/** @param endedMicros when the ask ended; set as its outcome completes */
	private record Ask(int shard, long sentMicros, CompletableFuture<Outcome> outcome, AtomicLong endedMicros) {

		/**
		 * About when what ended the ask happened: its deadline for a timeout, its connection's
		 * closing for a lost reply (declared a grace period later).
		 */
		long causeMicros() {
			long grace = outcome.getNow(null) == Outcome.LOST ? SentAsks.FORWARDED_REPLY_GRACE.toNanos() / 1000 : 0;
			return endedMicros.get() - grace;
		}
	}

	/** How many asks failed with each kind of message (numbers masked), for the report. */
	private final Map<String, Long> failureKinds = new ConcurrentHashMap<>();

	/** What happened during the chaos, for the report. */
	private static final class Chaos {

		final List<String> actions = new ArrayList<>();

		/** When each action began ({@link NodeProcess#nowMicros()}), in the order of {@link #actions}. */
		final List<Long> actionStarts = new ArrayList<>();

		final Map<String, Integer> disruptions = new TreeMap<>();

		final Map<String, Integer> cuts = new TreeMap<>();

		long connectionsCut;

		final List<Long> reconnectMillis = new ArrayList<>();

		/** Why cuts were not done, if they were not. */
		Optional<String> cutsUnavailable = Optional.empty();

		/** Disruptions the cluster or its clients did not recover from. */
		final List<String> failures = new ArrayList<>();

		void began(String what, long startedMicros) {
			actions.add(what);
			actionStarts.add(startedMicros);
		}

		/** The kind of the last action that began before {@code micros} ("SIGKILL", "cut", ...), if any. */
		String lastKindBefore(long micros) {
			String kind = "none";
			for (int i = 0; i < actions.size() && actionStarts.get(i) <= micros; i++) {
				kind = actions.get(i).substring(0, actions.get(i).indexOf(' '));
			}
			return kind;
		}

		int disruptionCount() {
			return disruptions.values().stream().mapToInt(Integer::intValue).sum();
		}

		int cutCount() {
			return cuts.values().stream().mapToInt(Integer::intValue).sum();
		}
	}

	private String seeds() {
		List<String> seeds = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			seeds.add(host(i) + ":" + ports[i]);
		}
		return String.join(",", seeds);
	}

	private static String host(int index) {
		return "127.0.0." + (index + 1);
	}

	private NodeProcess start(int index) throws Exception {
		NodeProcess node = NodeProcess.start(SYSTEM, host(index), ports[index], "node-" + (index + 1),
				List.of(seeds().split(",")),
				journal == null ? Map.of() : Map.of(ClusterTestNode.JOURNAL_URL, journal.url()));
		everyProcess.add(node);
		nodes[index] = node;
		return node;
	}

	private ClusterClient client() {
		return ClusterClient.builder()
			.systemName(SYSTEM)
			.contactPoints(List.of(seeds().split(",")))
			.registerMessages(TestEntities.MESSAGES)
			.subscriptionTimeout(Duration.ofSeconds(2))
			.reconnectBackoff(Duration.ofMillis(50), Duration.ofMillis(500))
			.build();
	}

	@Test
	void theClusterAndItsClientsSurviveChaos() throws Exception {
		Duration duration = Duration.parse("PT" + System.getProperty("soak.duration").toUpperCase());
		if (DURABLE) {
			journal = SharedJournal.create("chaos-soak");
		}
		for (int i = 0; i < 3; i++) {
			start(i);
		}
		for (NodeProcess node : nodes) {
			node.awaitReady(Duration.ofSeconds(60));
		}
		try (ClusterClient first = client(); ClusterClient second = client()) {
			Topologies.awaitShardsSpreadOver(first, 3, Duration.ofSeconds(60));
			Topologies.awaitShardsSpreadOver(second, 3, Duration.ofSeconds(60));
			long clientHeapStart = heapAfterGc();
			long[] nodeHeapStart = new long[3];
			for (int i = 0; i < 3; i++) {
				nodeHeapStart[i] = nodes[i].heapAfterGc();
			}

			ConcurrentLinkedQueue<Ask> asks = new ConcurrentLinkedQueue<>();
			AtomicLong tells = new AtomicLong();
			List<PacedLoad> loads = List.of(load(first, asks, tells), load(second, asks, tells));
			DurableAdditions additions = null;
			PacedLoad durableLoad = null;
			if (DURABLE) {
				Topologies.awaitShardsSpreadOver(first, TestEntities.DURABLE_SHARD_TYPE, 3, Duration.ofSeconds(60));
				additions = new DurableAdditions(List.of(durableCounters(first), durableCounters(second)),
						IntStream.range(0, DURABLE_ENTITIES).mapToObj(i -> "durable-" + i).toList(), DURABLE_ASK_TIMEOUT);
				durableLoad = new PacedLoad("soak-durable-load", Duration.ofMillis(100), additions::sendNext);
			}
			Chaos chaos = chaos(duration, first);
			for (PacedLoad load : loads) {
				load.stop();
			}
			await().atMost(ASK_TIMEOUT.plusSeconds(5)).until(() -> asks.stream().allMatch(ask -> ask.outcome().isDone()));
			DurableAdditions.Check durable = null;
			if (DURABLE) {
				// No new additions; the unacknowledged ones are retried, with their keys, until acknowledged.
				additions.stopAdding();
				await("every durable addition acknowledged").atMost(Duration.ofSeconds(120)).until(additions::settled);
				durableLoad.stop();
				durable = additions.check(additions.totals(Duration.ofSeconds(60)),
						journal.eventCounts(TestEntities.DURABLE_SHARD_TYPE + "|"));
			}

			long unanswered = asks.stream().filter(ask -> !ask.outcome().isDone()).count();
			StringBuilder report = report(duration, chaos, asks, tells.get());
			if (DURABLE) {
				report.append(durableReport(additions, durable));
			}
			// The soak's own record of every ask is not the client's memory: drop it before measuring.
			asks.clear();
			report.append("client heap after GC: start ").append(mb(clientHeapStart)).append(", end ")
				.append(mb(heapAfterGc())).append('\n');
			for (int i = 0; i < 3; i++) {
				report.append("node-").append(i + 1).append(" heap after GC: first process at start ")
					.append(mb(nodeHeapStart[i])).append(", current process at end ").append(mb(nodes[i].heapAfterGc()))
					.append('\n');
			}
			System.out.print(report);
			assertThat(chaos.failures).as("disruptions not recovered from").isEmpty();
			assertThat(unanswered).as("unanswered asks").isZero();
			assertThat(new EntityLifetimes(everyProcess).overlaps()).as("entities that ran on two nodes at once")
				.isEmpty();
			if (DURABLE) {
				assertThat(durable.wrongEntities())
					.as("durable counters whose total or journal disagrees with the additions acknowledged")
					.isEmpty();
				assertThat(additions.outOfStep()).as("acknowledged totals out of step with the additions before")
					.isEmpty();
			}
		}
		finally {
			for (NodeProcess node : everyProcess) {
				node.close();
			}
			if (journal != null) {
				journal.close();
			}
		}
	}

	private static EntityRef<DurableCommand> durableCounters(ClusterClient client) {
		return client.entityRef(TestEntities.DURABLE_SHARD_TYPE, TestEntities.DURABLE_NUM_SHARDS);
	}

	private String durableReport(DurableAdditions additions, DurableAdditions.Check check) {
		long fenced = everyProcess.stream()
			.flatMap(node -> node.events().stream())
			.filter(event -> event[0].equals("FENCED"))
			.count();
		return "--- durable counters (shared H2 journal) ---\n" + additions.summary()
				+ "fenced appends (stale incarnations refused by the journal): " + fenced + "\n"
				+ "acknowledged additions lost: " + check.lost() + "\n"
				+ "additions applied twice: " + check.appliedTwice() + "\n"
				+ (check.wrongEntities().isEmpty() ? "" : "wrong: " + check.wrongEntities() + "\n");
	}

	/** Asks and tells at a steady pace, spread over every entity, until stopped. */
	private PacedLoad load(ClusterClient client, ConcurrentLinkedQueue<Ask> asks, AtomicLong tells) {
		EntityRef<CounterCommand> counters = client.entityRef(TestEntities.SHARD_TYPE, TestEntities.NUM_SHARDS);
		AtomicLong next = new AtomicLong();
		return new PacedLoad("soak-load", Duration.ofMillis(50), () -> {
			for (int i = 0; i < 5; i++) {
				String entityId = "entity-" + (next.getAndIncrement() % ENTITIES);
				try {
					counters.tell(entityId, new Add(1));
					tells.incrementAndGet();
				}
				catch (ClientBufferFullException full) {
					// counted as not sent; the asks below measure availability
				}
				long sent = NodeProcess.nowMicros();
				AtomicLong ended = new AtomicLong();
				CompletableFuture<Outcome> outcome = counters
					.<Integer>ask(entityId, replyTo -> new AddAndGet(1, replyTo), ASK_TIMEOUT)
					.handle((total, error) -> {
						ended.set(NodeProcess.nowMicros());
						return classify(error);
					});
				asks.add(new Ask(ShardHash.shardOf(entityId, TestEntities.NUM_SHARDS), sent, outcome, ended));
			}
		});
	}

	private Outcome classify(Throwable error) {
		Throwable cause = error instanceof java.util.concurrent.CompletionException ? error.getCause() : error;
		if (cause == null) {
			return Outcome.SUCCEEDED;
		}
		failureKinds.merge(cause.getClass().getSimpleName() + ": " + String.valueOf(cause.getMessage())
			.replaceAll("\\d+", "N"), 1L, Long::sum);
		if (cause instanceof ReplyLostException) {
			return Outcome.LOST;
		}
		if (cause instanceof AskTimeoutException) {
			return Outcome.TIMED_OUT;
		}
		if (cause instanceof ClusterUnavailableException || cause instanceof ClientBufferFullException) {
			return Outcome.UNAVAILABLE;
		}
		return Outcome.OTHER_ERROR;
	}

	/** One disruption at a time, each followed by recovery, until the time is up (or recovery fails). */
	private Chaos chaos(Duration duration, ClusterClient observer) throws Exception {
		Chaos chaos = new Chaos();
		chaos.cutsUnavailable = ConnectionCuts.unavailable();
		int kinds = chaos.cutsUnavailable.isPresent() ? 3 : 4;
		long end = System.nanoTime() + duration.toNanos();
		while (System.nanoTime() < end) {
			int victim = random.nextInt(3);
			int action = random.nextInt(kinds);
			NodeProcess node = nodes[victim];
			String what;
			if (action == 0) {
				what = "SIGKILL " + node.nodeId();
				chaos.began(what, NodeProcess.nowMicros());
				chaos.disruptions.merge("SIGKILL + restart", 1, Integer::sum);
				node.kill();
				start(victim).awaitReady(Duration.ofSeconds(60));
			}
			else if (action == 1) {
				what = "SIGTERM " + node.nodeId();
				chaos.began(what, NodeProcess.nowMicros());
				chaos.disruptions.merge("SIGTERM + restart", 1, Integer::sum);
				node.terminate(Duration.ofSeconds(60));
				start(victim).awaitReady(Duration.ofSeconds(60));
			}
			else if (action == 2) {
				what = "SIGSTOP 500 ms " + node.nodeId();
				chaos.began(what, NodeProcess.nowMicros());
				chaos.disruptions.merge("SIGSTOP 500 ms", 1, Integer::sum);
				node.signal("STOP");
				// The pause lasts 500 ms: that length is the disruption itself.
				CompletableFuture.runAsync(() -> {
				}, CompletableFuture.delayedExecutor(500, TimeUnit.MILLISECONDS)).join();
				node.signal("CONT");
			}
			else {
				boolean onlyClients = random.nextBoolean();
				Map<String, Integer> linked = links(victim);
				long cutAt = System.nanoTime();
				long cutMicros = NodeProcess.nowMicros();
				int cut = ConnectionCuts.cut(onlyClients ? clientEnd(node) : anyEnd(node));
				what = (onlyClients ? "cut clients-" : "cut all-") + node.nodeId() + " (" + cut + ")";
				chaos.cuts.merge(onlyClients ? "only the clients' connections to a node"
						: "every connection of a node", 1, Integer::sum);
				chaos.connectionsCut += cut;
				chaos.began(what, cutMicros);
				if (!awaitRelinked(victim, linked)) {
					chaos.failures.add(what + ": connections not restored within " + RECONNECT_TIMEOUT.toSeconds()
							+ " s: had " + linked + ", now " + links(victim));
					break;
				}
				chaos.reconnectMillis.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - cutAt));
			}
			// The next blow waits until the clients see all three nodes reachable and sharing every shard.
			try {
				Topologies.awaitShardsSpreadOver(observer, 3, Duration.ofSeconds(60));
				await().atMost(Duration.ofSeconds(60))
					.until(() -> observer.topology().map(topology -> topology.unreachable().isEmpty()).orElse(false));
			}
			catch (ConditionTimeoutException ex) {
				chaos.failures.add("no recovery within 60 s after " + what + ": " + ex.getMessage());
				break;
			}
		}
		return chaos;
	}

	/** Either end of a connection to or from the node: its clients' and its peers' connections. */
	private static Predicate<ConnectionCuts.End> anyEnd(NodeProcess node) {
		// The node's listening address marks the connections others opened to it; its pid, the
		// ones it opened (from 127.0.0.1 and a port of the kernel's choosing).
		return end -> end.local().equals(node.hostPort()) || end.peer().equals(node.hostPort()) || end.ownedBy(node.pid());
	}

	/** This JVM's end of a client connection to the node. */
	private static Predicate<ConnectionCuts.End> clientEnd(NodeProcess node) {
		long self = ProcessHandle.current().pid();
		return end -> end.ownedBy(self) && end.peer().equals(node.hostPort());
	}

	/**
	 * What a node is connected to: each other node it shares a connection with (whichever
	 * dialled), and under {@link #CLIENTS} how many connections the clients have with it.
	 */
	private Map<String, Integer> links(int index) throws Exception {
		NodeProcess node = nodes[index];
		List<ConnectionCuts.End> ends = ConnectionCuts.established();
		Map<String, Integer> links = new TreeMap<>();
		links.put(CLIENTS, (int) ends.stream().filter(clientEnd(node)).count());
		for (NodeProcess other : nodes) {
			if (other == node) {
				continue;
			}
			boolean linked = ends.stream()
				.anyMatch(end -> end.ownedBy(node.pid()) && end.peer().equals(other.hostPort())
						|| end.ownedBy(other.pid()) && end.peer().equals(node.hostPort()));
			if (linked) {
				links.put(other.nodeId(), 1);
			}
		}
		return links;
	}

	/** Waits until the node is connected again to everything it was connected to before the cut. */
	private boolean awaitRelinked(int index, Map<String, Integer> before) throws Exception {
		long deadline = System.nanoTime() + RECONNECT_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			Map<String, Integer> now = links(index);
			if (before.entrySet().stream().allMatch(link -> now.getOrDefault(link.getKey(), 0) >= link.getValue())) {
				return true;
			}
			CompletableFuture.runAsync(() -> {
			}, CompletableFuture.delayedExecutor(100, TimeUnit.MILLISECONDS)).join();
		}
		return false;
	}

	private StringBuilder report(Duration duration, Chaos chaos, ConcurrentLinkedQueue<Ask> asks, long tells) {
		Map<Outcome, Long> byOutcome = new EnumMap<>(Outcome.class);
		asks.forEach(ask -> byOutcome.merge(ask.outcome().getNow(null) == null ? Outcome.OTHER_ERROR
				: ask.outcome().join(), 1L, Long::sum));
		long unanswered = asks.stream().filter(ask -> !ask.outcome().isDone()).count();
		StringBuilder out = new StringBuilder();
		out.append("=== Chaos soak: ").append(duration.toSeconds()).append(" s, ").append(chaos.disruptionCount())
			.append(" disruptions, ").append(chaos.cutCount()).append(" connection cuts ===\n");
		out.append("disruptions: ").append(chaos.disruptions).append('\n');
		if (chaos.cutsUnavailable.isPresent()) {
			out.append("connection cuts: not done, ").append(chaos.cutsUnavailable.get()).append('\n');
		}
		else {
			List<Long> sorted = chaos.reconnectMillis.stream().sorted().toList();
			out.append("connection cuts: ").append(chaos.cuts).append(", ").append(chaos.connectionsCut)
				.append(" connections killed; reconnected within ")
				.append(sorted.isEmpty() ? "n/a" : sorted.get(sorted.size() / 2) + " ms (median), "
						+ sorted.get(sorted.size() - 1) + " ms (longest)")
				.append('\n');
		}
		out.append("in order: ").append(chaos.actions).append('\n');
		out.append("not recovered from: ").append(chaos.failures).append('\n');
		out.append("tells sent: ").append(tells).append('\n');
		out.append("asks sent: ").append(asks.size()).append('\n');
		byOutcome.forEach((outcome, count) -> out.append("asks ").append(outcome.name().toLowerCase()).append(": ")
			.append(count).append('\n'));
		out.append("asks unanswered: ").append(unanswered).append('\n');
		for (Outcome failed : List.of(Outcome.TIMED_OUT, Outcome.LOST)) {
			Map<String, Long> failedAfter = new TreeMap<>();
			asks.stream()
				.filter(ask -> ask.outcome().getNow(null) == failed)
				.forEach(ask -> failedAfter.merge(chaos.lastKindBefore(ask.causeMicros()), 1L, Long::sum));
			out.append(failed == Outcome.LOST ? "lost asks by the last disruption begun before their connection closed: "
					: "timed-out asks by the last disruption begun before their deadline: ")
				.append(failedAfter)
				.append('\n');
		}
		failureKinds.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Long>comparingByValue().reversed())
			.limit(5)
			.forEach(kind -> out.append("  failed ").append(kind.getValue()).append("x: ").append(kind.getKey()).append('\n'));
		EntityLifetimes lifetimes = new EntityLifetimes(everyProcess);
		out.append("entity lifetimes (starts, counting restarts and passivations): ").append(lifetimes.lifetimes())
			.append(" over ").append(lifetimes.entities()).append(" entities\n");
		out.append("entities seen running twice at once: ").append(lifetimes.overlaps().size()).append('\n');
		out.append("longest unavailability window per shard (s): ").append(windowsPerShard(asks)).append('\n');
		return out;
	}

	/** Per shard, the longest time from the last answered ask before a run of failures to the next answered one. */
	private static Map<Integer, String> windowsPerShard(ConcurrentLinkedQueue<Ask> asks) {
		Map<Integer, List<Ask>> byShard = new TreeMap<>();
		asks.forEach(ask -> byShard.computeIfAbsent(ask.shard(), shard -> new ArrayList<>()).add(ask));
		Map<Integer, String> windows = new TreeMap<>();
		byShard.forEach((shard, shardAsks) -> {
			shardAsks.sort(Comparator.comparingLong(Ask::sentMicros));
			long lastSuccess = -1;
			long longest = 0;
			boolean failing = false;
			for (Ask ask : shardAsks) {
				boolean ok = ask.outcome().join() == Outcome.SUCCEEDED;
				if (ok) {
					if (failing && lastSuccess >= 0) {
						longest = Math.max(longest, ask.sentMicros() - lastSuccess);
					}
					lastSuccess = ask.sentMicros();
					failing = false;
				}
				else {
					failing = true;
				}
			}
			windows.put(shard, String.format("%.1f", longest / 1_000_000.0));
		});
		return windows;
	}

	private static long heapAfterGc() {
		System.gc();
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

	private static String mb(long bytes) {
		return bytes < 0 ? "n/a" : String.format("%.1f MiB", bytes / 1024.0 / 1024.0);
	}
}
