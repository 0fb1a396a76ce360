package io.casty.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.casty.CastyException;
import io.casty.actor.ActorRef;
import io.casty.actor.Behaviors;
import io.casty.sharding.ShardEnvelope;
import io.casty.testing.FreePorts;
import io.casty.topology.MemberStatus;
import io.casty.topology.TopologySnapshot;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ClusteredActorSystemTest {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final int port = FreePorts.next();

	private final ClusteredActorSystem node = ClusteredActorSystem.builder("test-cluster")
		.port(port)
		.nodeId("node-1")
		.start();

	@AfterEach
	void close() {
		node.close();
	}

	@Test
	void aSingleNodeIsAnUpMemberAndItsOwnLeader() {
		TopologySnapshot topology = node.awaitMembers(1, TIMEOUT);

		assertThat(topology.members()).singleElement().satisfies(member -> {
			assertThat(member.address()).isEqualTo(node.address());
			assertThat(member.nodeId()).isEqualTo("node-1");
			assertThat(member.status()).isEqualTo(MemberStatus.UP);
		});
		assertThat(topology.leader()).isEqualTo(node.address());
		assertThat(topology.unreachable()).isEmpty();
	}

	@Test
	void hostingAnEntityTypeAllocatesAllItsShardsHereAndRaisesTheEpoch() {
		long before = node.awaitMembers(1, TIMEOUT).epoch();
		node.shardRegion(EntityType.<String>of("echo", 10, id -> Behaviors.receiveMessage(m -> Behaviors.same())));

		TopologySnapshot topology = node.awaitAllocations(TIMEOUT);

		assertThat(topology.epoch()).isGreaterThan(before);
		assertThat(topology.allocation("echo")).hasValueSatisfying(allocation -> {
			assertThat(allocation.numShards()).isEqualTo(10);
			assertThat(allocation.isFullyAllocated()).isTrue();
			assertThat(Set.copyOf(allocation.owners().values())).containsExactly(node.address());
		});
	}

	@Test
	void entitiesStartOnTheirFirstMessageOncePerId() {
		Set<String> started = ConcurrentHashMap.newKeySet();
		ConcurrentHashMap<String, Integer> received = new ConcurrentHashMap<>();
		ActorRef<ShardEnvelope<String>> region = node.shardRegion(EntityType.of("t", 5, id -> {
			assertThat(started.add(id)).as("entity " + id + " started twice").isTrue();
			return Behaviors.receiveMessage(message -> {
				received.merge(id, 1, Integer::sum);
				return Behaviors.same();
			});
		}));
		for (int i = 0; i < 50; i++) {
			region.tell(new ShardEnvelope<>("id-" + (i % 5), "m"));
		}
		region.tell(new ShardEnvelope<>("", "empty ids are ids too"));
		region.tell(new ShardEnvelope<>("a/b c", "any characters"));

		await().untilAsserted(() -> assertThat(received).hasSize(7).containsEntry("id-0", 10).containsEntry("a/b c", 1));
		assertThat(started).containsExactlyInAnyOrder("id-0", "id-1", "id-2", "id-3", "id-4", "", "a/b c");
	}

	@Test
	void aTypeCanBeHostedOnlyOnce() {
		EntityType<String> type = EntityType.of("once", 1, id -> Behaviors.receiveMessage(m -> Behaviors.same()));
		node.shardRegion(type);

		assertThatThrownBy(() -> node.shardRegion(type)).isInstanceOf(IllegalArgumentException.class)
			.hasMessage("Entity type 'once' is already hosted on node-1");
	}

	@Test
	void aPortInUseFailsTheStartNamingThePort() {
		assertThatThrownBy(() -> ClusteredActorSystem.builder("test-cluster").port(port).start())
			.isInstanceOf(CastyException.class)
			.hasMessageContaining("Could not listen on 127.0.0.1:" + port);
	}

	@Test
	void invalidEntityTypesAreRejected() {
		assertThatThrownBy(() -> EntityType.of("a/b", 1, id -> null)).hasMessageContaining("without '/'");
		assertThatThrownBy(() -> EntityType.of("t", 0, id -> null))
			.hasMessage("numShards of 't' : 0 (expected: > 0)");
	}
}
