package io.casty.cluster.topology;

import io.casty.actor.ActorRef;
import io.casty.actor.Behavior;
import io.casty.actor.Behaviors;
import io.casty.actor.NodeAddress;
import io.casty.cluster.sharding.ShardAllocator;
import io.casty.topology.Member;
import io.casty.topology.MemberStatus;
import io.casty.topology.ShardAllocation;
import io.casty.topology.TopologySnapshot;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns this node's view of the cluster: the members and the shard allocations. Every change
 * becomes a new {@link TopologySnapshot} with a higher epoch, handed to the publisher.
 *
 * <p>A single node is its own leader and owns every shard.
 */
public final class ClusterCoordinator {

	private static final Logger logger = LoggerFactory.getLogger(ClusterCoordinator.class);

	/** Hosts a new entity type: allocate its shards. */
	public record RegisterEntityType(String shardType, int numShards) {
	}

	private final Member self;

	private final ActorRef<Object> publisher;

	private final Map<String, ShardAllocation> allocations = new HashMap<>();

	private long epoch;

	private ClusterCoordinator(Member self, ActorRef<Object> publisher) {
		this.self = self;
		this.publisher = publisher;
	}

	/**
	 * @param selfAddress this node's address
	 * @param nodeId this node's configured name
	 * @param publisher where snapshots go
	 */
	public static Behavior<Object> create(NodeAddress selfAddress, String nodeId, ActorRef<Object> publisher) {
		return Behaviors.setup(context -> {
			ClusterCoordinator coordinator = new ClusterCoordinator(new Member(selfAddress, nodeId, MemberStatus.UP),
					publisher);
			logger.info("Member {} ({}) is {}", nodeId, selfAddress, MemberStatus.UP);
			coordinator.publish();
			return coordinator.behavior();
		});
	}

	private Behavior<Object> behavior() {
		return Behaviors.receiveMessage(message -> {
			if (message instanceof RegisterEntityType register) {
				register(register);
			}
			else {
				logger.warn("Ignoring unexpected {} sent to the cluster coordinator", message.getClass().getName());
			}
			return Behaviors.same();
		});
	}

	private void register(RegisterEntityType register) {
		ShardAllocation existing = allocations.get(register.shardType());
		Map<Integer, NodeAddress> current = existing == null ? Map.of() : existing.owners();
		Map<Integer, NodeAddress> owners = ShardAllocator.allocate(register.numShards(), current,
				List.of(self.address()));
		allocations.put(register.shardType(),
				new ShardAllocation(register.shardType(), register.numShards(), owners));
		logger.info("Allocated {} shards of '{}' to {} member(s)", owners.size(), register.shardType(),
				Set.copyOf(owners.values()).size());
		publish();
	}

	private void publish() {
		epoch++;
		publisher.tell(new TopologyPublisher.Publish(
				new TopologySnapshot(List.of(self), Set.of(), self.address(), allocations, epoch)));
	}
}
