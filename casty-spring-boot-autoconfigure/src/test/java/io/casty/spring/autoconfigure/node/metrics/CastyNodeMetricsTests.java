package io.casty.spring.autoconfigure.node.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.casty.actor.ActorRef;
import io.casty.actor.Behaviors;
import io.casty.actor.NodeAddress;
import io.casty.cluster.ClusteredActorSystem;
import io.casty.cluster.EntityType;
import io.casty.sharding.ShardEnvelope;
import io.casty.testing.FreePorts;
import io.casty.topology.Member;
import io.casty.topology.MemberStatus;
import io.casty.topology.ShardAllocation;
import io.casty.topology.TopologySnapshot;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CastyNodeMetricsTests {

	private final ClusteredActorSystem node = ClusteredActorSystem.builder("metrics-test")
		.port(FreePorts.next())
		.leaveOnShutdown(false)
		.start();

	private final AtomicReference<TopologySnapshot> topology = new AtomicReference<>();

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	@AfterEach
	void closeNode() {
		this.node.close();
	}

	private void bind() {
		new CastyNodeMetrics(this.node, () -> Optional.ofNullable(this.topology.get()), List.of("orders"))
			.bindTo(this.registry);
	}

	private double gauge(String name, String... tags) {
		return this.registry.get(name).tags(tags).gauge().value();
	}

	@Test
	void gaugesFollowTheLatestTopology() {
		NodeAddress self = this.node.address();
		NodeAddress other = new NodeAddress("metrics-test", "127.0.0.2", self.port());
		NodeAddress dead = new NodeAddress("metrics-test", "127.0.0.3", self.port());
		bind();

		this.topology.set(new TopologySnapshot(
				List.of(new Member(self, "node-1", MemberStatus.UP), new Member(other, "node-2", MemberStatus.UP),
						new Member(dead, "node-3", MemberStatus.DOWN)),
				Set.of(dead), self,
				Map.of("orders", new ShardAllocation("orders", 3, Map.of(0, self, 1, other, 2, self))), 5));

		assertThat(gauge("casty.node.members", "status", "UP")).isEqualTo(2);
		assertThat(gauge("casty.node.members", "status", "DOWN")).isEqualTo(1);
		assertThat(gauge("casty.node.members", "status", "LEAVING")).isZero();
		assertThat(gauge("casty.node.unreachable")).isEqualTo(1);
		assertThat(gauge("casty.node.shards.owned", "shard.type", "orders")).isEqualTo(2);
		assertThat(gauge("casty.node.hosting")).as("a single node is its own majority").isEqualTo(1);
		assertThat(this.registry.get("casty.node.forwarded.messages").functionCounter().count()).isZero();
		assertThat(this.registry.get("casty.node.dropped.messages").functionCounter().count()).isZero();
	}

	@Test
	void runningEntitiesAreCountedPerType() {
		ActorRef<ShardEnvelope<String>> orders = this.node
			.shardRegion(EntityType.<String>of("orders", 3, (id) -> Behaviors.receiveMessage((message) -> Behaviors.same())));
		this.node.awaitAllocations(Duration.ofSeconds(10));
		bind();
		assertThat(gauge("casty.node.entities.running", "shard.type", "orders")).isZero();

		for (String id : List.of("a", "b", "c", "a")) {
			orders.tell(new ShardEnvelope<>(id, "hello"));
		}

		Awaitility.await().until(() -> gauge("casty.node.entities.running", "shard.type", "orders") == 3);
	}

	@Test
	void gaugesAreZeroBeforeTheFirstTopology() {
		bind();

		assertThat(gauge("casty.node.members", "status", "UP")).isZero();
		assertThat(gauge("casty.node.unreachable")).isZero();
		assertThat(gauge("casty.node.shards.owned", "shard.type", "orders")).isZero();
	}

}
