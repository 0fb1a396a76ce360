package io.casty.spring.autoconfigure.node.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.casty.actor.Behaviors;
import io.casty.actor.NodeAddress;
import io.casty.cluster.ClusteredActorSystem;
import io.casty.cluster.EntityType;
import io.casty.testing.FreePorts;
import io.casty.topology.Member;
import io.casty.topology.MemberStatus;
import io.casty.topology.ShardAllocation;
import io.casty.topology.TopologySnapshot;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * The indicator's verdict and details for topologies built by hand, around a real node (whose
 * address and id the indicator reads).
 */
class CastyNodeHealthIndicatorTests {

	private static final EntityType<Object> ORDERS = EntityType.of("orders", 4,
			(id) -> Behaviors.receiveMessage((message) -> Behaviors.same()));

	private static ClusteredActorSystem node;

	private static NodeAddress self;

	private static NodeAddress other;

	@BeforeAll
	static void startNode() {
		node = ClusteredActorSystem.builder("health-test")
			.port(FreePorts.next())
			.nodeId("node-1")
			.leaveOnShutdown(false)
			.start();
		self = node.address();
		other = new NodeAddress("health-test", "127.0.0.2", self.port());
	}

	@AfterAll
	static void closeNode() {
		node.close();
	}

	private static Health health(TopologySnapshot snapshot) {
		return health(snapshot, true);
	}

	private static Health health(TopologySnapshot snapshot, boolean hostsEntities) {
		return new CastyNodeHealthIndicator(node, () -> Optional.ofNullable(snapshot), () -> hostsEntities,
				List.of(ORDERS))
			.health();
	}

	private static TopologySnapshot topology(List<Member> members, Set<NodeAddress> unreachable,
			Map<Integer, NodeAddress> owners) {
		return new TopologySnapshot(members, unreachable, self, Map.of("orders", new ShardAllocation("orders", 4, owners)),
				7);
	}

	private static Map<Integer, NodeAddress> ownedBy(NodeAddress... owners) {
		Map<Integer, NodeAddress> allocation = new HashMap<>();
		for (int shard = 0; shard < owners.length; shard++) {
			allocation.put(shard, owners[shard]);
		}
		return allocation;
	}

	@Test
	void upMemberWithEveryShardAllocatedIsUpAndListsTheShardsItOwns() {
		Health health = health(topology(
				List.of(new Member(self, "node-1", MemberStatus.UP), new Member(other, "node-2", MemberStatus.UP)),
				Set.of(), ownedBy(self, other, self, other)));

		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("systemName", "health-test")
			.containsEntry("nodeId", "node-1")
			.containsEntry("address", self.hostPort())
			.containsEntry("memberStatus", "UP")
			.containsEntry("members",
					List.of(Map.of("address", self.hostPort(), "nodeId", "node-1", "status", "UP"),
							Map.of("address", other.hostPort(), "nodeId", "node-2", "status", "UP")))
			.containsEntry("unreachable", List.of())
			.containsEntry("leader", self.hostPort())
			.containsEntry("epoch", 7L)
			.containsEntry("shards", Map.of("orders", Map.of("owned", List.of(0, 2), "allocated", 4, "total", 4)))
			.containsEntry("forwardedMessages", 0L)
			.doesNotContainKey("reason");
	}

	@Test
	void unreachableOtherMemberIsListedWithoutMakingThisNodeDown() {
		Health health = health(topology(
				List.of(new Member(self, "node-1", MemberStatus.UP), new Member(other, "node-2", MemberStatus.UP)),
				Set.of(other), ownedBy(self, other, self, other)));

		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("unreachable", List.of(other.hostPort()));
	}

	@Test
	void nodeThatStoppedItsEntitiesForWantOfAMajorityIsDownSayingSo() {
		NodeAddress third = new NodeAddress("health-test", "127.0.0.3", self.port());
		Health health = health(topology(
				List.of(new Member(self, "node-1", MemberStatus.UP), new Member(other, "node-2", MemberStatus.UP),
						new Member(third, "node-3", MemberStatus.UP)),
				Set.of(other, third), ownedBy(self, other, third, self)), false);

		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("reason",
				"its entities are stopped: this node reaches no majority of the members, or the gossiped "
						+ "reachability picked it for downing (split-brain strategy keep-majority); see its log");
	}

	@Test
	void nodeWithoutTopologyIsDownSayingSo() {
		Health health = health(null);

		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("reason", "the node has published no topology yet")
			.containsEntry("nodeId", "node-1");
	}

	@Test
	void leavingNodeIsDownNamingItsStatus() {
		Health health = health(topology(List.of(new Member(self, "node-1", MemberStatus.LEAVING)), Set.of(),
				ownedBy(self, self, self, self)));

		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("memberStatus", "LEAVING")
			.containsEntry("reason", "this node is LEAVING");
	}

	@Test
	void nodeMissingFromTheMembersIsDownAsNotAMemberYet() {
		Health health = health(topology(List.of(new Member(other, "node-2", MemberStatus.UP)), Set.of(),
				ownedBy(other, other, other, other)));

		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("memberStatus", "NONE")
			.containsEntry("reason", "this node is not a member yet");
	}

	@Test
	void typeWithUnallocatedShardsMakesTheNodeDownCountingThem() {
		Health health = health(topology(List.of(new Member(self, "node-1", MemberStatus.UP)), Set.of(),
				ownedBy(self, self, self)));

		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("reason", "shard type 'orders' has 3 of 4 shards allocated")
			.containsEntry("shards", Map.of("orders", Map.of("owned", List.of(0, 1, 2), "allocated", 3, "total", 4)));
	}

	@Test
	void typeTheClusterDoesNotKnowYetCountsAsUnallocated() {
		Health health = health(new TopologySnapshot(List.of(new Member(self, "node-1", MemberStatus.UP)), Set.of(),
				self, Map.of(), 1));

		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("reason", "shard type 'orders' has 0 of 4 shards allocated");
	}

}
