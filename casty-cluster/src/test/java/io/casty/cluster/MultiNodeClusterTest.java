package io.casty.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.casty.actor.ActorRef;
import io.casty.actor.NodeAddress;
import io.casty.actor.TemporaryRef;
import io.casty.cluster.TrackedCounters.Add;
import io.casty.sharding.ShardEnvelope;
import io.casty.sharding.ShardHash;
import io.casty.testing.FreePorts;
import io.casty.topology.Member;
import io.casty.topology.MemberStatus;
import io.casty.topology.ShardAllocation;
import io.casty.topology.TopologySnapshot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Several nodes in this JVM, each on its own loopback address (127.0.0.1, .2, .3, ...). */
class MultiNodeClusterTest {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private final int port = FreePorts.next();

	private final TrackedCounters counters = new TrackedCounters();

	private final List<ClusteredActorSystem> nodes = new ArrayList<>();

	@AfterEach
	void stopNodes() {
		nodes.forEach(ClusteredActorSystem::close);
		assertThat(counters.violations()).as("entities that ran on two nodes at once").isEmpty();
	}

	private ClusteredActorSystem startNode(int index) {
		return startNode(index, UnaryOperator.identity());
	}

	/** A node with fast failure detection (down after 500 ms), then {@code tuning}. */
	private ClusteredActorSystem startNode(int index, UnaryOperator<ClusteredActorSystem.Builder> tuning) {
		ClusteredActorSystem.Builder builder = ClusteredActorSystem.builder("multi")
			.host("127.0.0." + index)
			.port(port)
			.nodeId("node-" + index)
			.seedNodes("127.0.0.1:" + port)
			.registerMessages(TrackedCounters.MESSAGES)
			.gossipInterval(Duration.ofMillis(100))
			.heartbeatInterval(Duration.ofMillis(100))
			.acceptableHeartbeatPause(Duration.ofMillis(500))
			.downAfter(Duration.ofMillis(500))
			.topologyHeartbeatInterval(Duration.ofMillis(200))
			.leaveOnShutdown(false);
		ClusteredActorSystem node = tuning.apply(builder).start();
		node.shardRegion(counters.on(node.address()));
		nodes.add(node);
		return node;
	}

	private void awaitConverged(int members) {
		await().atMost(TIMEOUT).untilAsserted(() -> {
			for (ClusteredActorSystem node : nodes) {
				TopologySnapshot topology = node.topology().orElseThrow();
				assertThat(topology.upMembers()).hasSize(members);
				ShardAllocation allocation = topology.allocation(TrackedCounters.TYPE).orElseThrow();
				assertThat(allocation.isFullyAllocated()).isTrue();
				assertThat(countsPerOwner(allocation.owners().values())).hasSize(members);
				assertThat(topology).usingRecursiveComparison()
					.ignoringFields("unreachable")
					.isEqualTo(nodes.get(0).topology().orElseThrow());
			}
		});
	}

	private static Map<NodeAddress, Integer> countsPerOwner(Collection<NodeAddress> owners) {
		Map<NodeAddress, Integer> counts = new HashMap<>();
		owners.forEach(owner -> counts.merge(owner, 1, Integer::sum));
		return counts;
	}

	private int add(ClusteredActorSystem via, String entityId, int amount) throws Exception {
		CompletableFuture<Integer> reply = new CompletableFuture<>();
		TemporaryRef<Integer> replyTo = via.actorSystem().temporaryRef(reply::complete);
		try {
			regionOf(via).tell(new ShardEnvelope<>(entityId, new Add(amount, replyTo)));
			return reply.get(10, TimeUnit.SECONDS);
		}
		finally {
			replyTo.release();
		}
	}

	@SuppressWarnings("unchecked")
	private static ActorRef<ShardEnvelope<TrackedCounters.Command>> regionOf(ClusteredActorSystem node) {
		return (ActorRef<ShardEnvelope<TrackedCounters.Command>>) node
			.resolve(new io.casty.actor.ActorAddress(node.address(), "/system/sharding/" + TrackedCounters.TYPE));
	}

	@Test
	void threeNodesFormAClusterAndShareTheShardsEvenly() {
		startNode(1);
		startNode(2);
		startNode(3);

		awaitConverged(3);

		ShardAllocation allocation = nodes.get(0).topology().orElseThrow().allocation(TrackedCounters.TYPE).orElseThrow();
		assertThat(countsPerOwner(allocation.owners().values()).values()).allSatisfy(count -> assertThat(count).isBetween(3, 4));
		assertThat(nodes.get(0).topology().orElseThrow().leader()).isEqualTo(nodes.get(0).address());
	}

	@Test
	void aFourthNodeReceivesShardsAndEveryMessageStillArrives() throws Exception {
		ClusteredActorSystem first = startNode(1);
		startNode(2);
		startNode(3);
		awaitConverged(3);
		for (int i = 0; i < 100; i++) {
			assertThat(add(first, "entity-" + i, 1)).isEqualTo(1);
		}

		startNode(4);
		awaitConverged(4);

		ShardAllocation allocation = first.topology().orElseThrow().allocation(TrackedCounters.TYPE).orElseThrow();
		assertThat(countsPerOwner(allocation.owners().values()).values()).allSatisfy(count -> assertThat(count).isBetween(2, 3));
		for (int i = 0; i < 100; i++) {
			assertThat(add(first, "entity-" + i, 1)).as("entity-%d moved, then counted on", i).isBetween(1, 2);
		}
	}

	@Test
	void aNodeThatLeavesHandsOffItsShardsAndNoMessageIsLost() throws Exception {
		ClusteredActorSystem first = startNode(1);
		startNode(2);
		ClusteredActorSystem third = startNode(3);
		awaitConverged(3);
		for (int i = 0; i < 60; i++) {
			assertThat(add(first, "entity-" + i, 1)).isEqualTo(1);
		}

		CompletableFuture<Void> leaving = CompletableFuture.runAsync(third::close);
		List<CompletableFuture<Integer>> during = new ArrayList<>();
		for (int i = 0; i < 60; i++) {
			String id = "entity-" + i;
			during.add(CompletableFuture.supplyAsync(() -> {
				try {
					return add(first, id, 1);
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
			}));
		}
		leaving.get(30, TimeUnit.SECONDS);
		nodes.remove(third);

		for (CompletableFuture<Integer> reply : during) {
			// Entities keep their state in memory: one that moved restarted at zero on its new node.
			assertThat(reply.get(10, TimeUnit.SECONDS)).isBetween(1, 2);
		}
		awaitConverged(2);
		assertThat(first.topology().orElseThrow().members())
			.noneMatch(member -> member.address().equals(third.address()) && member.status() == MemberStatus.UP);
	}

	@Test
	void aKilledNodeIsDownedAndItsShardsMoveToTheSurvivors() throws Exception {
		ClusteredActorSystem first = startNode(1);
		startNode(2);
		ClusteredActorSystem third = startNode(3);
		awaitConverged(3);
		NodeAddress dead = third.address();

		// An abrupt stop: no leave, connections just close.
		nodes.remove(third);
		closeWithoutLeaving(third);

		await().atMost(TIMEOUT).untilAsserted(() -> {
			TopologySnapshot topology = first.topology().orElseThrow();
			assertThat(topology.members()).anyMatch(member -> member.address().equals(dead)
					&& member.status() == MemberStatus.DOWN);
			assertThat(topology.allocation(TrackedCounters.TYPE).orElseThrow().owners()).doesNotContainValue(dead);
			assertThat(topology.allocation(TrackedCounters.TYPE).orElseThrow().isFullyAllocated()).isTrue();
		});
		for (int i = 0; i < 30; i++) {
			assertThat(add(first, "after-" + i, 5)).isEqualTo(5);
		}
	}

	@Test
	void aMessageForAShardWhoseOwnerDiedWaitsForTheShardsNextOwner() throws Exception {
		// Downed late, so that messages reach a survivor while it still thinks the dead node owns shards.
		Duration downAfter = Duration.ofSeconds(3);
		ClusteredActorSystem first = startNode(1, builder -> builder.downAfter(downAfter));
		startNode(2, builder -> builder.downAfter(downAfter));
		ClusteredActorSystem third = startNode(3, builder -> builder.downAfter(downAfter));
		awaitConverged(3);
		NodeAddress dead = third.address();
		List<String> ownedByTheDead = idsOwnedBy(first, dead, "orphan-", 20);

		nodes.remove(third);
		closeWithoutLeaving(third);
		await().atMost(TIMEOUT).until(() -> first.topology().orElseThrow().unreachable().contains(dead));
		assertThat(first.topology().orElseThrow().allocation(TrackedCounters.TYPE).orElseThrow().owners())
			.as("the dead node still owns its shards when the messages are sent")
			.containsValue(dead);
		List<CompletableFuture<Integer>> replies = new ArrayList<>();
		for (String id : ownedByTheDead) {
			replies.add(CompletableFuture.supplyAsync(() -> {
				try {
					return add(first, id, 7);
				}
				catch (Exception ex) {
					throw new IllegalStateException("no reply from " + id, ex);
				}
			}));
		}

		for (CompletableFuture<Integer> reply : replies) {
			assertThat(reply.get(20, TimeUnit.SECONDS)).isEqualTo(7);
		}
		assertThat(first.topology().orElseThrow().allocation(TrackedCounters.TYPE).orElseThrow().owners())
			.doesNotContainValue(dead);
	}

	@Test
	void aNodeLeftWithoutAMajorityStopsItsEntitiesAndMovesNoShardUntilAMajorityIsBack() throws Exception {
		ClusteredActorSystem first = startNode(1);
		ClusteredActorSystem second = startNode(2);
		ClusteredActorSystem third = startNode(3);
		awaitConverged(3);
		Map<Integer, NodeAddress> owners = allocationSeenBy(third).owners();
		List<String> onThird = idsOwnedBy(third, third.address(), "island-", 5);
		for (String id : onThird) {
			assertThat(add(third, id, 1)).isEqualTo(1);
		}
		assertThat(third.runningEntities(TrackedCounters.TYPE)).isEqualTo(onThird.size());

		// Two of three gone at once: for node-3, a crash of both looks the same as a partition.
		nodes.removeAll(List.of(first, second));
		closeWithoutLeaving(first);
		closeWithoutLeaving(second);

		await().atMost(TIMEOUT).until(() -> third.runningEntities(TrackedCounters.TYPE) == 0);
		assertThat(third.hostsEntities()).isFalse();
		// Twice downAfter, in which auto-downing would have downed both and taken all the shards.
		await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).untilAsserted(() -> {
			assertThat(third.topology().orElseThrow().upMembers()).hasSize(3);
			assertThat(allocationSeenBy(third).owners()).isEqualTo(owners);
		});
		CompletableFuture<Integer> kept = CompletableFuture.supplyAsync(() -> {
			try {
				return add(third, onThird.get(0), 7);
			}
			catch (Exception ex) {
				throw new IllegalStateException("no reply from " + onThird.get(0), ex);
			}
		});

		// node-1 comes back: node-3 reaches 2 of 3, and the two of them down node-2.
		startNode(1);
		assertThat(kept.get(20, TimeUnit.SECONDS)).as("the kept message, for an entity started anew").isEqualTo(7);
		assertThat(third.hostsEntities()).isTrue();
		await().atMost(TIMEOUT).untilAsserted(() -> {
			assertThat(third.topology().orElseThrow().members())
				.anyMatch(member -> member.address().equals(second.address()) && member.status() == MemberStatus.DOWN);
			assertThat(allocationSeenBy(third).owners()).doesNotContainValue(second.address());
			assertThat(allocationSeenBy(third).isFullyAllocated()).isTrue();
		});
	}

	@Test
	void withAutoDownANodeLeftAloneDownsTheOthersAndTakesEveryShard() {
		UnaryOperator<ClusteredActorSystem.Builder> autoDown = builder -> builder
			.splitBrainStrategy(SplitBrainStrategy.AUTO_DOWN);
		ClusteredActorSystem first = startNode(1, autoDown);
		ClusteredActorSystem second = startNode(2, autoDown);
		ClusteredActorSystem third = startNode(3, autoDown);
		awaitConverged(3);

		nodes.removeAll(List.of(first, second));
		closeWithoutLeaving(first);
		closeWithoutLeaving(second);

		await().atMost(TIMEOUT).untilAsserted(() -> {
			assertThat(third.topology().orElseThrow().upMembers()).extracting(Member::address)
				.containsExactly(third.address());
			assertThat(allocationSeenBy(third).owners()).containsOnlyKeys(allShards())
				.allSatisfy((shard, owner) -> assertThat(owner).isEqualTo(third.address()));
		});
		assertThat(third.hostsEntities()).isTrue();
	}

	private static List<Integer> allShards() {
		return IntStream.range(0, TrackedCounters.SHARDS).boxed().toList();
	}

	private static ShardAllocation allocationSeenBy(ClusteredActorSystem node) {
		return node.topology().orElseThrow().allocation(TrackedCounters.TYPE).orElseThrow();
	}

	/** {@code count} entity ids, {@code prefix} and a number, whose shards {@code owner} owns as {@code node} sees it. */
	private static List<String> idsOwnedBy(ClusteredActorSystem node, NodeAddress owner, String prefix, int count) {
		ShardAllocation allocation = allocationSeenBy(node);
		List<String> ids = new ArrayList<>();
		for (int i = 0; ids.size() < count; i++) {
			if (allocation.ownerOf(ShardHash.shardOf(prefix + i, allocation.numShards())).equals(owner)) {
				ids.add(prefix + i);
			}
		}
		return ids;
	}

	private static void closeWithoutLeaving(ClusteredActorSystem node) {
		node.abort();
	}
}
