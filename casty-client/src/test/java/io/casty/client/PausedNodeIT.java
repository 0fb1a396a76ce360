package io.casty.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.casty.client.TestEntities.CounterCommand;
import io.casty.client.TestEntities.StampedAdd;
import io.casty.client.TestEntities.Where;
import io.casty.testing.FreePorts;
import io.casty.topology.MemberStatus;
import io.casty.topology.TopologySnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A node that stands still (SIGSTOP: a long GC pause looks the same to the others) until the
 * others down it and move its shards must not, when it moves again, handle the messages that
 * reached it before and during the pause: their entities run on the shards' new owners by then.
 * Lifetimes cannot tell (the frozen entities never stopped), so the nodes print every message
 * their entities handle, and the test checks each one the paused node handled against the
 * entity's lifetimes on the other nodes.
 *
 * <p>What an entity had already taken before the pause may still finish after it: for an
 * event-sourced entity, its append. The journal fences it (the entity's next incarnation, on
 * another node, wrote that sequence number first), and a client that retries with idempotency
 * keys sees every acknowledged addition counted exactly once.
 */
class PausedNodeIT {

	private static final String SYSTEM = "paused";

	private static final Duration READY = Duration.ofSeconds(60);

	private final int[] ports = { FreePorts.next(), FreePorts.next(), FreePorts.next() };

	private final List<NodeProcess> nodes = new ArrayList<>();

	private ClusterClient client;

	private SharedJournal journal;

	/** How many times the node was frozen until once outside a journal transaction, for the report. */
	private int freezes;

	@AfterEach
	void stopEverything() throws Exception {
		if (client != null) {
			client.close();
		}
		for (NodeProcess node : nodes) {
			node.close();
		}
		if (journal != null) {
			journal.close();
		}
	}

	private NodeProcess startNode(int index, Map<String, String> properties) {
		NodeProcess node = NodeProcess.start(SYSTEM, "127.0.0." + (index + 1), ports[index], "node-" + (index + 1),
				List.of(contactPoint(0)), properties);
		nodes.add(node);
		return node;
	}

	private ClusterClient client() {
		return ClusterClient.builder()
			.systemName(SYSTEM)
			.contactPoints(contactPoint(0), contactPoint(1), contactPoint(2))
			.registerMessages(TestEntities.MESSAGES)
			.build();
	}

	private String contactPoint(int index) {
		return "127.0.0." + (index + 1) + ":" + ports[index];
	}

	private EntityRef<CounterCommand> counters() {
		return client.entityRef(TestEntities.SHARD_TYPE, TestEntities.NUM_SHARDS);
	}

	@Test
	void aNodePausedUntilItIsDownedHandlesNothingForEntitiesThatMovedMeanwhile() throws Exception {
		Map<String, String> traced = Map.of(ClusterTestNode.TRACE_HANDLING, "true");
		startNode(0, traced).awaitReady(READY);
		startNode(1, traced).awaitReady(READY);
		NodeProcess paused = startNode(2, traced).awaitReady(READY);
		client = client();
		Topologies.awaitShardsSpreadOver(client, 3, Duration.ofSeconds(30));
		List<String> ids = IntStream.range(0, 30).mapToObj(i -> "entity-" + i).toList();
		Map<String, String> placement = new HashMap<>();
		for (String id : ids) {
			placement.put(id, counters().<String>ask(id, Where::new, Duration.ofSeconds(5)).join());
		}
		Set<String> onPaused = ids.stream()
			.filter(id -> placement.get(id).equals(paused.nodeId()))
			.collect(Collectors.toSet());
		assertThat(onPaused).isNotEmpty();
		PacedLoad tells = new PacedLoad("tells", Duration.ofMillis(20),
				() -> ids.forEach(id -> counters().tell(id, new StampedAdd(1, NodeProcess.nowMicros()))));

		paused.signal("STOP");
		long stoppedAt = NodeProcess.nowMicros();
		// Downed by the others (1 s of silence tolerated, then 1 s more), its shards on the other two.
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(client.topology().orElseThrow().members())
			.anyMatch(member -> member.nodeId().equals(paused.nodeId()) && member.status() == MemberStatus.DOWN));
		Topologies.awaitShardsSpreadOver(client, 2, Duration.ofSeconds(30));
		await().atMost(Duration.ofSeconds(30))
			.until(() -> new EntityLifetimes(others(paused)).startedAfter(stoppedAt).containsAll(onPaused));
		paused.signal("CONT");
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(client.topology().orElseThrow().upMembers())
			.anyMatch(member -> member.nodeId().equals(paused.nodeId())));
		tells.stop();

		// What the node had taken before it stood still may finish after it; what it read after may
		// not, while the entity runs on another node (it may come back here later, by rebalancing).
		EntityLifetimes elsewhere = new EntityLifetimes(others(paused));
		List<String> late = paused.events()
			.stream()
			.filter(event -> event[0].equals("HANDLE") && Long.parseLong(event[4]) > stoppedAt
					&& elsewhere.runningAt(event[1], Long.parseLong(event[3])))
			.map(event -> event[1] + " sent at " + event[4] + ", handled at " + event[3])
			.toList();
		assertThat(late).as("messages sent during the pause that the paused node handled while their entity ran "
				+ "on another node").isEmpty();
		assertThat(paused.events().stream().filter(event -> event[0].equals("HANDLE")))
			.as("messages handled by the paused node").isNotEmpty();
	}

	@Test
	void theAppendsOfANodePausedUntilItIsDownedAreFencedAndNoAcknowledgedAdditionIsLostOrCountedTwice()
			throws Exception {
		journal = SharedJournal.create("paused-node-it");
		startNode(0, Map.of(ClusterTestNode.JOURNAL_URL, journal.url())).awaitReady(READY);
		startNode(1, Map.of(ClusterTestNode.JOURNAL_URL, journal.url())).awaitReady(READY);
		// Its appends wait 200 ms before they reach the journal: frozen at any moment, it has some in flight.
		NodeProcess paused = startNode(2,
				Map.of(ClusterTestNode.JOURNAL_URL, journal.url(), ClusterTestNode.APPEND_DELAY_MS, "200"))
			.awaitReady(READY);
		client = client();
		TopologySnapshot topology = Topologies.awaitShardsSpreadOver(client, TestEntities.DURABLE_SHARD_TYPE, 3,
				Duration.ofSeconds(30));
		List<String> ids = IntStream.range(0, 30).mapToObj(i -> "durable-" + i).toList();
		Set<String> onPaused = ids.stream()
			.filter(id -> Topologies.ownerOf(topology, TestEntities.DURABLE_SHARD_TYPE, TestEntities.DURABLE_NUM_SHARDS, id)
				.equals(paused.nodeId()))
			.collect(Collectors.toSet());
		assertThat(onPaused).isNotEmpty();
		DurableAdditions additions = new DurableAdditions(
				List.of(client.entityRef(TestEntities.DURABLE_SHARD_TYPE, TestEntities.DURABLE_NUM_SHARDS)), ids,
				Duration.ofSeconds(3));
		PacedLoad load = new PacedLoad("durable-additions", Duration.ofMillis(100), additions::sendNext);
		await().atMost(Duration.ofSeconds(30)).until(() -> additions.acknowledgedAtLeast(5).containsAll(onPaused));

		// Frozen while most of its entities have an addition sent 30-150 ms before: arrived, and held
		// in the append's delay. (The load sends on a beat, so their appends come and go together.)
		long stoppedAt = freezeOutsideATransaction(paused, () -> {
			Set<String> holding = additions.inFlightFor(Duration.ofMillis(30), Duration.ofMillis(150));
			return onPaused.stream().filter(holding::contains).count() * 2 >= onPaused.size();
		});
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(client.topology().orElseThrow().members())
			.anyMatch(member -> member.nodeId().equals(paused.nodeId()) && member.status() == MemberStatus.DOWN));
		// Each of its entities runs elsewhere and appended there: it acknowledged an addition sent
		// while the node stood still, which the node could not have answered.
		await().atMost(Duration.ofSeconds(30))
			.until(() -> additions.acknowledgedSentAfter(stoppedAt).containsAll(onPaused));
		paused.signal("CONT");
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(client.topology().orElseThrow().upMembers())
			.anyMatch(member -> member.nodeId().equals(paused.nodeId())));
		// The appends it held when it froze go on now, at sequence numbers the next incarnations took.
		try {
			await().atMost(Duration.ofSeconds(30)).until(() -> !fenced(paused).isEmpty());
		}
		catch (ConditionTimeoutException notFenced) {
			// Asserted below, once the totals tell whether the stale appends were applied instead.
		}
		additions.stopAdding();
		await("every addition acknowledged").atMost(Duration.ofSeconds(60)).until(additions::settled);
		load.stop();

		DurableAdditions.Check check = additions.check(additions.totals(Duration.ofSeconds(30)),
				journal.eventCounts(TestEntities.DURABLE_SHARD_TYPE + "|"));
		List<String> fenced = fenced(paused);
		System.out.print("=== " + paused.nodeId() + " paused with " + onPaused.size() + " of " + ids.size()
				+ " durable counters (frozen " + freezes + "x until outside a journal transaction) ===\n"
				+ additions.summary() + "fenced appends on the paused node: "
				+ fenced.size() + " " + fenced + "\nfenced appends on the others: " + others(paused).stream()
					.mapToInt(node -> fenced(node).size())
					.sum()
				+ "\nlost: " + check.lost() + ", applied twice: " + check.appliedTwice() + " " + check.wrongEntities()
				+ "\n");
		assertThat(fenced).as("appends of the paused node's stale incarnations refused by the journal").isNotEmpty();
		assertThat(check.wrongEntities())
			.as("entities whose total or journal disagrees with the number of additions acknowledged")
			.isEmpty();
		assertThat(additions.outOfStep()).as("acknowledged totals out of step with the additions acknowledged before")
			.isEmpty();
	}

	/**
	 * Freezes the node (SIGSTOP) outside a transaction of its journal. Frozen inside one, its
	 * uncommitted rows would lock the sequence numbers its entities' next incarnations must write:
	 * H2 makes such an insert wait 2 s and then fails it (not as a duplicate key, so not fenced),
	 * and the entity could append nothing elsewhere until the node is thawed. When the freeze
	 * catches a transaction, the node is thawed at once (long before it could be downed) and
	 * frozen again at the next moment that suits.
	 *
	 * @param when whether now is a moment to freeze the node
	 * @return when the node was frozen, in microseconds since the epoch
	 */
	private long freezeOutsideATransaction(NodeProcess node, Callable<Boolean> when) throws Exception {
		for (int attempt = 1;; attempt++) {
			freezes = attempt;
			await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(5)).until(when);
			node.signal("STOP");
			long stoppedAt = NodeProcess.nowMicros();
			Instant frozen = Instant.now();
			try {
				await().atMost(Duration.ofMillis(500))
					.pollInterval(Duration.ofMillis(50))
					.until(() -> journal.transactionsIdleSince(frozen) == 0);
				return stoppedAt;
			}
			catch (ConditionTimeoutException insideATransaction) {
				node.signal("CONT");
				assertThat(attempt).as("freezes in a row that caught the node inside a journal transaction")
					.isLessThan(5);
			}
		}
	}

	/** The appends the journal refused to the node's entities: {@code <persistence id> at <seq nr>}. */
	private static List<String> fenced(NodeProcess node) {
		return node.events()
			.stream()
			.filter(event -> event[0].equals("FENCED"))
			.map(event -> event[1] + " at " + event[4])
			.toList();
	}

	private List<NodeProcess> others(NodeProcess paused) {
		return nodes.stream().filter(node -> node != paused).toList();
	}
}
