package io.casty.cluster.sharding;

import io.casty.actor.ActorAddress;
import io.casty.actor.ActorContext;
import io.casty.actor.ActorRef;
import io.casty.actor.Behavior;
import io.casty.actor.Behaviors;
import io.casty.actor.NodeAddress;
import io.casty.cluster.EntityType;
import io.casty.protocol.ProtocolPaths;
import io.casty.sharding.ShardEnvelope;
import io.casty.sharding.ShardHash;
import io.casty.topology.ShardAllocation;
import io.casty.topology.TopologySnapshot;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@code /system/sharding/<type>} on a node: takes {@link ShardEnvelope}s for one
 * entity type, starts an entity on its first message, and hands each message to it.
 *
 * <p>Only shards this node owns (per the latest topology) have their entities started here; a
 * message for a shard owned elsewhere is forwarded to the owner's region, and one for a shard
 * nobody owns yet waits (bounded) until the allocation arrives.
 */
public final class ShardRegion<M> {

	private static final Logger logger = LoggerFactory.getLogger(ShardRegion.class);

	/** Messages waiting for their shard's allocation, across all shards. */
	static final int MAX_BUFFERED = 10_000;

	private record EntityStopped(String entityId) {
	}

	private final EntityType<M> type;

	private final NodeAddress self;

	private final ActorContext<Object> context;

	private final Map<String, ActorRef<M>> entities = new HashMap<>();

	private final Queue<ShardEnvelope<M>> waiting = new ArrayDeque<>();

	private ShardAllocation allocation;

	private long epoch = -1;

	private ShardRegion(EntityType<M> type, ActorContext<Object> context) {
		this.type = type;
		this.self = context.system().address();
		this.context = context;
	}

	/**
	 * @param type the entity type this region hosts
	 * @param subscribe called with the region's ref so it receives topology snapshots
	 */
	public static <M> Behavior<Object> create(EntityType<M> type,
			Consumer<ActorRef<TopologySnapshot>> subscribe) {
		return Behaviors.setup(context -> {
			subscribe.accept(context.self().narrow());
			return new ShardRegion<>(type, context).behavior();
		});
	}

	@SuppressWarnings("unchecked")
	private Behavior<Object> behavior() {
		return Behaviors.receiveMessage(message -> {
			if (message instanceof ShardEnvelope<?> envelope) {
				route((ShardEnvelope<M>) envelope);
			}
			else if (message instanceof TopologySnapshot snapshot) {
				onTopology(snapshot);
			}
			else if (message instanceof EntityStopped stopped) {
				entities.remove(stopped.entityId());
			}
			else {
				logger.warn("Region '{}' ignores unexpected {}", type.name(), message.getClass().getName());
			}
			return Behaviors.same();
		});
	}

	private void route(ShardEnvelope<M> envelope) {
		NodeAddress owner = allocation == null ? null
				: allocation.ownerOf(ShardHash.shardOf(envelope.entityId(), type.numShards()));
		if (self.equals(owner)) {
			entity(envelope.entityId()).tell(envelope.message());
		}
		else if (owner != null) {
			regionAt(owner).tell(envelope);
		}
		else if (waiting.size() < MAX_BUFFERED) {
			waiting.add(envelope);
		}
		else {
			logger.warn("Region '{}' dropped a message for entity '{}': {} messages already wait for shard allocation",
					type.name(), envelope.entityId(), MAX_BUFFERED);
		}
	}

	@SuppressWarnings("unchecked")
	private ActorRef<ShardEnvelope<M>> regionAt(NodeAddress owner) {
		return (ActorRef<ShardEnvelope<M>>) context.system()
			.resolve(new ActorAddress(owner, ProtocolPaths.shardRegion(type.name())));
	}

	private ActorRef<M> entity(String entityId) {
		ActorRef<M> entity = entities.get(entityId);
		if (entity == null) {
			entity = context.spawn(type.factory().apply(entityId), childName(entityId));
			context.watchWith(entity, new EntityStopped(entityId));
			entities.put(entityId, entity);
		}
		return entity;
	}

	private void onTopology(TopologySnapshot snapshot) {
		if (snapshot.epoch() <= epoch) {
			return;
		}
		epoch = snapshot.epoch();
		allocation = snapshot.allocations().get(type.name());
		if (allocation != null && allocation.numShards() != type.numShards()) {
			logger.error("Region '{}' has {} shards but the cluster allocates {}; messages will not be delivered",
					type.name(), type.numShards(), allocation.numShards());
			allocation = null;
		}
		for (int pending = waiting.size(); pending > 0; pending--) {
			route(waiting.remove());
		}
	}

	/** Entity ids may hold any character; a path segment may not hold '/'. */
	static String childName(String entityId) {
		return "$" + URLEncoder.encode(entityId, StandardCharsets.UTF_8);
	}
}
