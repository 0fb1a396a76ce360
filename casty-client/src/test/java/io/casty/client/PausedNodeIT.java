package io.casty.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.casty.client.TestEntities.CounterCommand;
import io.casty.client.TestEntities.StampedAdd;
import io.casty.client.TestEntities.Where;
import io.casty.testing.FreePorts;
import io.casty.topology.MemberStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A node that stands still (SIGSTOP: a long GC pause looks the same to the others) until the
 * others down it and move its shards must not, when it moves again, handle the messages that
 * reached it before and during the pause: their entities run on the shards' new owners by then.
 * Lifetimes cannot tell (the frozen entities never stopped), so the nodes print every message
 * their entities handle, and the test checks each one the paused node handled against the
 * entity's lifetimes on the other nodes.
 */
class PausedNodeIT {

	private static final String SYSTEM = "paused";

	private static final Duration READY = Duration.ofSeconds(60);

	private final int[] ports = { FreePorts.next(), FreePorts.next(), FreePorts.next() };

	private final List<NodeProcess> nodes = new ArrayList<>();

	private ClusterClient client;

	@AfterEach
	void stopEverything() throws Exception {
		if (client != null) {
			client.close();
		}
		for (NodeProcess node : nodes) {
			node.close();
		}
	}

	private NodeProcess startNode(int index) {
		NodeProcess node = NodeProcess.start(SYSTEM, "127.0.0." + (index + 1), ports[index], "node-" + (index + 1),
				List.of(contactPoint(0)), Map.of(ClusterTestNode.TRACE_HANDLING, "true"));
		nodes.add(node);
		return node;
	}

	private String contactPoint(int index) {
		return "127.0.0." + (index + 1) + ":" + ports[index];
	}

	private EntityRef<CounterCommand> counters() {
		return client.entityRef(TestEntities.SHARD_TYPE, TestEntities.NUM_SHARDS);
	}

	@Test
	void aNodePausedUntilItIsDownedHandlesNothingForEntitiesThatMovedMeanwhile() throws Exception {
		startNode(0).awaitReady(READY);
		startNode(1).awaitReady(READY);
		NodeProcess paused = startNode(2).awaitReady(READY);
		client = ClusterClient.builder()
			.systemName(SYSTEM)
			.contactPoints(contactPoint(0), contactPoint(1), contactPoint(2))
			.registerMessages(TestEntities.MESSAGES)
			.build();
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

	private List<NodeProcess> others(NodeProcess paused) {
		return nodes.stream().filter(node -> node != paused).toList();
	}
}
