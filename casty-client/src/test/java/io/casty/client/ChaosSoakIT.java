package io.casty.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.casty.client.TestEntities.Add;
import io.casty.client.TestEntities.AddAndGet;
import io.casty.client.TestEntities.CounterCommand;
import io.casty.sharding.ShardHash;
import io.casty.testing.FreePorts;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The chaos soak: three node processes and two clients under a steady load of tells and asks
 * while nodes are killed (SIGKILL), stopped (SIGTERM), paused (SIGSTOP for less than the
 * failure detector tolerates) and restarted, for {@code -Dsoak.duration} (say {@code 5m}).
 * Not part of the build; the README gives the command. It prints what happened and fails on
 * an unanswered ask or an entity that ran on two nodes at once.
 */
@EnabledIfSystemProperty(named = "soak.duration", matches = ".+")
class ChaosSoakIT {

	private static final String SYSTEM = "soak";

	private static final int ENTITIES = 200;

	private static final Duration ASK_TIMEOUT = Duration.ofSeconds(2);

	private final int[] ports = { FreePorts.next(), FreePorts.next(), FreePorts.next() };

	private final NodeProcess[] nodes = new NodeProcess[3];

	private final List<NodeProcess> everyProcess = new CopyOnWriteArrayList<>();

	private final Random random = new Random(7);

	private enum Outcome {

		SUCCEEDED, TIMED_OUT, UNAVAILABLE, OTHER_ERROR

	}

	private record Ask(int shard, long sentMicros, CompletableFuture<Outcome> outcome) {
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
				List.of(seeds().split(",")));
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
			List<String> actions = chaos(duration, first);
			for (PacedLoad load : loads) {
				load.stop();
			}
			await().atMost(ASK_TIMEOUT.plusSeconds(5)).until(() -> asks.stream().allMatch(ask -> ask.outcome().isDone()));

			long unanswered = asks.stream().filter(ask -> !ask.outcome().isDone()).count();
			StringBuilder report = report(duration, actions, asks, tells.get());
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
			assertThat(unanswered).as("unanswered asks").isZero();
			assertThat(new EntityLifetimes(everyProcess).overlaps()).as("entities that ran on two nodes at once")
				.isEmpty();
		}
		finally {
			for (NodeProcess node : everyProcess) {
				node.close();
			}
		}
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
				CompletableFuture<Outcome> outcome = counters
					.<Integer>ask(entityId, replyTo -> new AddAndGet(1, replyTo), ASK_TIMEOUT)
					.handle((total, error) -> classify(error));
				asks.add(new Ask(ShardHash.shardOf(entityId, TestEntities.NUM_SHARDS), sent, outcome));
			}
		});
	}

	private static Outcome classify(Throwable error) {
		Throwable cause = error instanceof java.util.concurrent.CompletionException ? error.getCause() : error;
		if (cause == null) {
			return Outcome.SUCCEEDED;
		}
		if (cause instanceof AskTimeoutException) {
			return Outcome.TIMED_OUT;
		}
		if (cause instanceof ClusterUnavailableException || cause instanceof ClientBufferFullException) {
			return Outcome.UNAVAILABLE;
		}
		return Outcome.OTHER_ERROR;
	}

	/** One disruption at a time, each followed by recovery, until the time is up. */
	private List<String> chaos(Duration duration, ClusterClient observer) throws Exception {
		List<String> actions = new ArrayList<>();
		long end = System.nanoTime() + duration.toNanos();
		while (System.nanoTime() < end) {
			int victim = random.nextInt(3);
			int action = random.nextInt(3);
			NodeProcess node = nodes[victim];
			if (action == 0) {
				actions.add("SIGKILL " + node.nodeId());
				node.kill();
				start(victim).awaitReady(Duration.ofSeconds(60));
			}
			else if (action == 1) {
				actions.add("SIGTERM " + node.nodeId());
				node.terminate(Duration.ofSeconds(60));
				start(victim).awaitReady(Duration.ofSeconds(60));
			}
			else {
				actions.add("SIGSTOP 500 ms " + node.nodeId());
				node.signal("STOP");
				// The pause lasts 500 ms: that length is the disruption itself.
				CompletableFuture.runAsync(() -> {
				}, CompletableFuture.delayedExecutor(500, TimeUnit.MILLISECONDS)).join();
				node.signal("CONT");
			}
			// The next blow waits until the clients see all three nodes reachable and sharing every shard.
			Topologies.awaitShardsSpreadOver(observer, 3, Duration.ofSeconds(60));
			await().atMost(Duration.ofSeconds(60))
				.until(() -> observer.topology().map(topology -> topology.unreachable().isEmpty()).orElse(false));
		}
		return actions;
	}

	private StringBuilder report(Duration duration, List<String> actions, ConcurrentLinkedQueue<Ask> asks, long tells) {
		Map<Outcome, Long> byOutcome = new EnumMap<>(Outcome.class);
		asks.forEach(ask -> byOutcome.merge(ask.outcome().getNow(null) == null ? Outcome.OTHER_ERROR
				: ask.outcome().join(), 1L, Long::sum));
		long unanswered = asks.stream().filter(ask -> !ask.outcome().isDone()).count();
		StringBuilder out = new StringBuilder();
		out.append("=== Chaos soak: ").append(duration.toSeconds()).append(" s, ").append(actions.size())
			.append(" disruptions ===\n");
		out.append("disruptions: ").append(actions).append('\n');
		out.append("tells sent: ").append(tells).append('\n');
		out.append("asks sent: ").append(asks.size()).append('\n');
		byOutcome.forEach((outcome, count) -> out.append("asks ").append(outcome.name().toLowerCase()).append(": ")
			.append(count).append('\n'));
		out.append("asks unanswered: ").append(unanswered).append('\n');
		out.append("entities seen running twice at once: ").append(new EntityLifetimes(everyProcess).overlaps().size())
			.append('\n');
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
