package io.casty.spring.autoconfigure.node.health;

import io.casty.actor.NodeAddress;
import io.casty.cluster.ClusteredActorSystem;
import io.casty.cluster.EntityType;
import io.casty.spring.health.MemberDetail;
import io.casty.topology.Member;
import io.casty.topology.MemberStatus;
import io.casty.topology.ShardAllocation;
import io.casty.topology.TopologySnapshot;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * {@link HealthIndicator} for a cluster node: whether this node is a full member of the cluster
 * and every entity type it hosts has all its shards allocated.
 *
 * <p>UP when this node's membership status is {@code UP}, every shard of every hosted type
 * has an owner and the node runs the entities of its shards. DOWN before the node has a
 * topology, while it is joining, leaving or downed, while shards have no owner, or while it
 * stopped its entities for want of a majority of the members, or because the gossiped
 * reachability picked it for downing (split-brain strategy keep-majority); the {@code reason} detail says which. The details show the members
 * with their status, the unreachable ones, the leader, the topology epoch and, per hosted type,
 * the shards this node owns. Reads the node's cached topology only: no I/O, cheap enough for
 * readiness probes.
 */
public class CastyNodeHealthIndicator extends AbstractHealthIndicator {

	private final ClusteredActorSystem node;

	private final Supplier<Optional<TopologySnapshot>> topology;

	private final BooleanSupplier hostsEntities;

	private final Map<String, Integer> hostedTypes = new LinkedHashMap<>();

	/**
	 * Creates an indicator.
	 * @param node the node to report on
	 * @param topology the node's latest published topology
	 * @param hostsEntities whether the node runs the entities of its shards
	 *     ({@link ClusteredActorSystem#hostsEntities()})
	 * @param hostedTypes the entity types the node hosts
	 */
	public CastyNodeHealthIndicator(ClusteredActorSystem node, Supplier<Optional<TopologySnapshot>> topology,
			BooleanSupplier hostsEntities, Collection<? extends EntityType<?>> hostedTypes) {
		super("Casty node health check failed");
		this.node = Objects.requireNonNull(node, "node");
		this.topology = Objects.requireNonNull(topology, "topology");
		this.hostsEntities = Objects.requireNonNull(hostsEntities, "hostsEntities");
		hostedTypes.forEach((type) -> this.hostedTypes.put(type.name(), type.numShards()));
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		NodeAddress self = this.node.address();
		builder.withDetail("systemName", self.system())
			.withDetail("nodeId", this.node.nodeId())
			.withDetail("address", self.hostPort());
		TopologySnapshot snapshot = this.topology.get().orElse(null);
		if (snapshot == null) {
			builder.down().withDetail("reason", "the node has published no topology yet");
			return;
		}
		List<String> problems = new ArrayList<>();
		MemberStatus status = statusOf(snapshot, self);
		builder.withDetail("memberStatus", (status != null) ? status.name() : "NONE");
		if (status != MemberStatus.UP) {
			problems.add((status != null) ? "this node is " + status : "this node is not a member yet");
		}
		builder.withDetail("members", snapshot.members().stream().map(MemberDetail::of).toList());
		builder.withDetail("unreachable", snapshot.unreachable().stream().map(NodeAddress::hostPort).sorted().toList());
		snapshot.leaderAddress().ifPresent((leader) -> builder.withDetail("leader", leader.hostPort()));
		builder.withDetail("epoch", snapshot.epoch());
		builder.withDetail("shards", describeShards(snapshot, self, problems));
		if (!this.hostsEntities.getAsBoolean()) {
			problems.add("its entities are stopped: this node reaches no majority of the members, or the gossiped "
					+ "reachability picked it for downing (split-brain strategy keep-majority); see its log");
		}
		builder.withDetail("forwardedMessages", this.node.forwardedMessages());
		if (problems.isEmpty()) {
			builder.up();
		}
		else {
			builder.down().withDetail("reason", String.join("; ", problems));
		}
	}

	private static MemberStatus statusOf(TopologySnapshot snapshot, NodeAddress self) {
		return snapshot.members()
			.stream()
			.filter((member) -> member.address().equals(self))
			.map(Member::status)
			.findFirst()
			.orElse(null);
	}

	private Map<String, Map<String, Object>> describeShards(TopologySnapshot snapshot, NodeAddress self,
			List<String> problems) {
		Map<String, Map<String, Object>> shards = new LinkedHashMap<>();
		this.hostedTypes.forEach((type, numShards) -> {
			Map<Integer, NodeAddress> owners = snapshot.allocation(type).map(ShardAllocation::owners).orElse(Map.of());
			Map<String, Object> description = new LinkedHashMap<>();
			description.put("owned", owners.entrySet()
				.stream()
				.filter((owner) -> owner.getValue().equals(self))
				.map(Map.Entry::getKey)
				.sorted()
				.toList());
			description.put("allocated", owners.size());
			description.put("total", numShards);
			shards.put(type, description);
			if (owners.size() < numShards) {
				problems.add("shard type '" + type + "' has " + owners.size() + " of " + numShards
						+ " shards allocated");
			}
		});
		return shards;
	}

}
