package io.casty.spring.autoconfigure.node.metrics;

import io.casty.actor.NodeAddress;
import io.casty.cluster.ClusteredActorSystem;
import io.casty.topology.MemberStatus;
import io.casty.topology.TopologySnapshot;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * Meters read from a cluster node and its latest topology; bound to the registry by Spring
 * Boot's metrics support, scraped at {@code /actuator/prometheus}:
 * <ul>
 * <li>{@code casty.node.members}: gauge of the members this node sees, tagged {@code status}
 * ({@code JOINING}, {@code UP}, {@code LEAVING}, {@code EXITING}, {@code DOWN});</li>
 * <li>{@code casty.node.unreachable}: gauge of the members the failure detector cannot reach;</li>
 * <li>{@code casty.node.shards.owned}: gauge of the shards this node owns, tagged
 * {@code shard.type};</li>
 * <li>{@code casty.node.hosting}: gauge, 1 while this node runs the entities of its shards, 0 while
 * it stopped them because it reaches no majority of the members or the gossiped reachability
 * picked it for downing (split-brain strategy keep-majority);</li>
 * <li>{@code casty.node.forwarded.messages}: counter of the messages this node passed on to a
 * shard's owner because the sender's routing was stale (zero in a steady state).</li>
 * </ul>
 */
public class CastyNodeMetrics implements MeterBinder {

	private static final List<MemberStatus> PUBLISHED_STATUSES = List.of(MemberStatus.JOINING, MemberStatus.UP,
			MemberStatus.LEAVING, MemberStatus.EXITING, MemberStatus.DOWN);

	private final ClusteredActorSystem node;

	private final Supplier<Optional<TopologySnapshot>> topology;

	private final Collection<String> hostedTypes;

	/**
	 * Creates the meters' binder.
	 * @param node the node to read
	 * @param topology the node's latest published topology
	 * @param hostedTypes the names of the entity types the node hosts
	 */
	public CastyNodeMetrics(ClusteredActorSystem node, Supplier<Optional<TopologySnapshot>> topology,
			Collection<String> hostedTypes) {
		this.node = Objects.requireNonNull(node, "node");
		this.topology = Objects.requireNonNull(topology, "topology");
		this.hostedTypes = List.copyOf(hostedTypes);
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (MemberStatus status : PUBLISHED_STATUSES) {
			gauge("casty.node.members", "Members of the cluster as this node sees them",
					(snapshot) -> snapshot.members().stream().filter((member) -> member.status() == status).count())
				.tag("status", status.name())
				.register(registry);
		}
		gauge("casty.node.unreachable", "Members the failure detector cannot reach",
				(snapshot) -> snapshot.unreachable().size())
			.register(registry);
		NodeAddress self = this.node.address();
		for (String type : this.hostedTypes) {
			gauge("casty.node.shards.owned", "Shards of the entity type this node owns",
					(snapshot) -> snapshot.allocation(type)
						.map((allocation) -> allocation.owners().values().stream().filter(self::equals).count())
						.orElse(0L))
				.tag("shard.type", type)
				.register(registry);
			Gauge.builder("casty.node.entities.running", this.node, (node) -> node.runningEntities(type))
				.description("Entities of the type running on this node (not passivated)")
				.tag("shard.type", type)
				.register(registry);
		}
		Gauge.builder("casty.node.hosting", this.node, (node) -> node.hostsEntities() ? 1 : 0)
			.description("1 while this node runs its shards' entities, 0 while it stopped them (no majority, or picked for downing)")
			.register(registry);
		FunctionCounter.builder("casty.node.forwarded.messages", this.node, ClusteredActorSystem::forwardedMessages)
			.description("Messages passed on to their shard's owner because the sender's routing was stale")
			.register(registry);
		FunctionCounter.builder("casty.node.dropped.messages", this.node, ClusteredActorSystem::droppedMessages)
			.description("Messages dropped because their entity's mailbox was full")
			.register(registry);
	}

	/** A gauge of the latest topology; zero while the node has published none. */
	private Gauge.Builder<Supplier<Optional<TopologySnapshot>>> gauge(String name, String description,
			ToDoubleFunction<TopologySnapshot> value) {
		return Gauge.builder(name, this.topology, (topology) -> topology.get().map(value::applyAsDouble).orElse(0.0))
			.description(description)
			.strongReference(true);
	}

}
