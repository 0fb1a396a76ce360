package io.casty.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.casty.actor.NodeAddress;
import io.casty.client.TestEntities.AddAndGet;
import io.casty.client.TestEntities.CounterCommand;
import io.casty.client.TestEntities.Where;
import io.casty.cluster.ClusteredActorSystem;
import io.casty.cluster.EntityType;
import io.casty.testing.FreePorts;
import io.casty.topology.TopologySnapshot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A client in front of several nodes in this JVM, each on its own loopback address. */
class ClusterClientMultiNodeTest {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private final int port = FreePorts.next();

	private final List<ClusteredActorSystem> nodes = new ArrayList<>();

	private ClusterClient client;

	@AfterEach
	void stopAll() {
		if (client != null) {
			client.close();
		}
		nodes.forEach(ClusteredActorSystem::close);
	}

	private void startNode(int index) {
		String nodeId = "node-" + index;
		ClusteredActorSystem node = ClusteredActorSystem.builder("routing")
			.host("127.0.0." + index)
			.port(port)
			.nodeId(nodeId)
			.seedNodes("127.0.0.1:" + port)
			.registerMessages(TestEntities.MESSAGES)
			.gossipInterval(Duration.ofMillis(100))
			.heartbeatInterval(Duration.ofMillis(100))
			.topologyHeartbeatInterval(Duration.ofMillis(200))
			.leaveOnShutdown(false)
			.start();
		node.shardRegion(EntityType.of(TestEntities.SHARD_TYPE, TestEntities.NUM_SHARDS,
				id -> TestEntities.trackedCounter(id, nodeId, new TestEntities.Lifecycle() {
					@Override
					public void started(String entityId, String where) {
					}

					@Override
					public void stopped(String entityId, String where) {
					}
				})));
		nodes.add(node);
	}

	/** Waits until the client's table spreads the shards evenly over {@code members}, as the nodes agree. */
	private void awaitClientTableBalanced(int members) {
		TopologySnapshot topology = Topologies.awaitShardsSpreadOver(client, members, TIMEOUT);
		Map<NodeAddress, Integer> perOwner = new HashMap<>();
		topology.allocation(TestEntities.SHARD_TYPE).orElseThrow().owners().values()
			.forEach(owner -> perOwner.merge(owner, 1, Integer::sum));
		int ceiling = (TestEntities.NUM_SHARDS + members - 1) / members;
		assertThat(perOwner.values()).allSatisfy(count -> assertThat(count).isLessThanOrEqualTo(ceiling));
		await().atMost(TIMEOUT).untilAsserted(() -> assertThat(nodes)
			.allSatisfy(node -> assertThat(node.topology().map(TopologySnapshot::epoch)).contains(topology.epoch())));
	}

	private void startClient() {
		client = ClusterClient.builder()
			.systemName("routing")
			.contactPoints("127.0.0.1:" + port)
			.registerMessages(TestEntities.MESSAGES)
			.build();
	}

	private long forwardedByNodes() {
		return nodes.stream().mapToLong(ClusteredActorSystem::forwardedMessages).sum();
	}

	private List<String> entities(int count) {
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			ids.add("user-" + i);
		}
		return ids;
	}

	@Test
	void everyRequestGoesStraightToTheOwnerOnceTheTableIsWarm() {
		startNode(1);
		startNode(2);
		startNode(3);
		startClient();
		awaitClientTableBalanced(3);
		EntityRef<CounterCommand> counters = client.entityRef(TestEntities.SHARD_TYPE, TestEntities.NUM_SHARDS);
		long forwardedBefore = forwardedByNodes();

		List<String> ids = entities(1000);
		List<CompletableFuture<Integer>> totals = ids.stream()
			.map(id -> counters.<Integer>ask(id, replyTo -> new AddAndGet(1, replyTo), TIMEOUT))
			.toList();
		List<CompletableFuture<String>> hosts = ids.stream()
			.map(id -> counters.<String>ask(id, Where::new, TIMEOUT))
			.toList();

		assertThat(totals).allSatisfy(total -> assertThat(total.join()).isEqualTo(1));
		Set<String> usedNodes = new HashSet<>();
		hosts.forEach(host -> usedNodes.add(host.join()));
		assertThat(usedNodes).containsExactlyInAnyOrder("node-1", "node-2", "node-3");
		assertThat(forwardedByNodes() - forwardedBefore).as("requests a node had to forward to the owner").isZero();
	}

	@Test
	void aJoiningNodeReceivesShardsAndTheClientTableFollows() {
		startNode(1);
		startNode(2);
		startNode(3);
		startClient();
		awaitClientTableBalanced(3);

		startNode(4);

		awaitClientTableBalanced(4);
		EntityRef<CounterCommand> counters = client.entityRef(TestEntities.SHARD_TYPE, TestEntities.NUM_SHARDS);
		long forwardedBefore = forwardedByNodes();
		Set<String> usedNodes = new HashSet<>();
		for (String id : entities(200)) {
			usedNodes.add(counters.<String>ask(id, Where::new, TIMEOUT).join());
		}
		assertThat(usedNodes).contains("node-4").hasSize(4);
		assertThat(forwardedByNodes() - forwardedBefore).isZero();
	}
}
