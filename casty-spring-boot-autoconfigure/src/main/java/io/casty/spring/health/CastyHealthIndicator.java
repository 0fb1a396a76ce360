package io.casty.spring.health;

import io.casty.actor.NodeAddress;
import io.casty.client.ClientState;
import io.casty.client.ClusterClient;
import io.casty.client.EntityRef;
import io.casty.topology.Member;
import io.casty.topology.MemberStatus;
import io.casty.topology.ShardAllocation;
import io.casty.topology.TopologySnapshot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * {@link HealthIndicator} for a Casty {@link ClusterClient}: whether the client can route
 * messages to every entity type it uses.
 *
 * <p>UP when the client is connected with a topology no older than the maximum age and every
 * shard of every given entity type is owned by a member that is not unreachable. DOWN while it
 * is connecting, reconnecting or closed, when its topology went stale, or when shards have no
 * reachable owner; the {@code reason} detail says which. The check reads the client's cached
 * {@link ClusterClient#state() state} only and never touches the network, so it is cheap enough
 * for readiness probes.
 */
public class CastyHealthIndicator extends AbstractHealthIndicator {

	private final ClusterClient client;

	private final Map<String, Integer> shardTypes;

	private final Duration maxTopologyAge;

	/**
	 * Creates an indicator.
	 * @param client the client to report on
	 * @param entityRefs the entity types whose shards must all be reachable
	 * @param maxTopologyAge the topology age beyond which it counts as stale; the client's
	 * subscription timeout
	 */
	public CastyHealthIndicator(ClusterClient client, Collection<? extends EntityRef<?>> entityRefs,
			Duration maxTopologyAge) {
		super("Casty health check failed");
		this.client = Objects.requireNonNull(client, "client");
		this.shardTypes = new LinkedHashMap<>();
		entityRefs.forEach((ref) -> this.shardTypes.put(ref.shardType(), ref.numShards()));
		this.maxTopologyAge = Objects.requireNonNull(maxTopologyAge, "maxTopologyAge");
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		ClientState state = this.client.state();
		List<String> problems = new ArrayList<>();
		builder.withDetail("systemName", this.client.address().system());
		state.contactPoint().ifPresent((contactPoint) -> builder.withDetail("contactPoint", contactPoint.hostPort()));
		builder.withDetail("status", state.status().name());
		if (!state.isConnected()) {
			problems.add("the client is " + state.status());
		}
		state.topology().ifPresent((topology) -> describeMembers(topology, builder));
		builder.withDetail("shards", describeShards(state.topology().orElse(null), problems));
		state.topologyAge().ifPresent((age) -> {
			builder.withDetail("topologyAgeMs", age.toMillis());
			if (age.compareTo(this.maxTopologyAge) > 0) {
				problems.add("the topology is " + age.toMillis() + " ms old, more than the subscription timeout of "
						+ this.maxTopologyAge.toMillis() + " ms");
			}
		});
		builder.withDetail("bufferedMessages", state.bufferedMessages());
		builder.withDetail("inFlightAsks", state.inFlightAsks());
		builder.withDetail("connectedNodes", state.connectedNodes());
		state.lastError().ifPresent((error) -> builder.withDetail("lastError", error));
		if (problems.isEmpty()) {
			builder.up();
		}
		else {
			builder.down().withDetail("reason", String.join("; ", problems));
		}
	}

	private static void describeMembers(TopologySnapshot topology, Health.Builder builder) {
		builder.withDetail("members", topology.members().stream().map(MemberDetail::of).toList());
		builder.withDetail("unreachable", topology.unreachable().stream().map(NodeAddress::hostPort).sorted().toList());
		topology.leaderAddress().ifPresent((leader) -> builder.withDetail("leader", leader.hostPort()));
		builder.withDetail("epoch", topology.epoch());
	}

	/**
	 * Counts, per entity type, the shards whose owner is a live member that the cluster can
	 * reach; without a topology every count is zero.
	 */
	private Map<String, Map<String, Integer>> describeShards(TopologySnapshot topology, List<String> problems) {
		Set<NodeAddress> reachable = (topology != null) ? reachableMembers(topology) : Set.of();
		Map<String, Map<String, Integer>> shards = new LinkedHashMap<>();
		this.shardTypes.forEach((shardType, numShards) -> {
			ShardAllocation allocation = (topology != null) ? topology.allocation(shardType).orElse(null) : null;
			int allocated = (allocation != null)
					? (int) allocation.owners().values().stream().filter(reachable::contains).count() : 0;
			Map<String, Integer> counts = new LinkedHashMap<>();
			counts.put("allocated", allocated);
			counts.put("total", numShards);
			shards.put(shardType, counts);
			if (allocation == null && topology != null && !topology.allocations().isEmpty()) {
				problems.add("shard type '" + shardType + "' is not hosted by the cluster, which hosts "
						+ new TreeSet<>(topology.allocations().keySet()));
			}
			else if (allocation != null && allocation.numShards() != numShards) {
				problems.add("shard type '" + shardType + "' has " + allocation.numShards()
						+ " shards in the cluster but " + numShards + " in this client");
			}
			else if (topology != null && allocated < numShards) {
				problems.add("shard type '" + shardType + "' has " + allocated + " of " + numShards
						+ " shards on reachable members");
			}
		});
		return shards;
	}

	private static Set<NodeAddress> reachableMembers(TopologySnapshot topology) {
		return topology.members()
			.stream()
			.filter((member) -> member.status() != MemberStatus.DOWN && member.status() != MemberStatus.REMOVED)
			.map(Member::address)
			.filter((address) -> !topology.unreachable().contains(address))
			.collect(Collectors.toSet());
	}

}
