package io.casty.cluster.sharding;

import io.casty.actor.ActorAddress;
import io.casty.actor.ActorContext;
import io.casty.actor.ActorRef;
import io.casty.actor.Behavior;
import io.casty.actor.Behaviors;
import io.casty.actor.NodeAddress;
import io.casty.cluster.EntityType;
import io.casty.cluster.membership.ClusterDaemon;
import io.casty.cluster.membership.ClusterMessages.ForwardedEnvelope;
import io.casty.cluster.membership.ClusterMessages.HandOffComplete;
import io.casty.cluster.membership.HandOff;
import io.casty.cluster.membership.RegionView;
import io.casty.cluster.membership.TypeAllocation;
import io.casty.protocol.ProtocolPaths;
import io.casty.sharding.ShardEnvelope;
import io.casty.sharding.ShardHash;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@code /system/sharding/<type>} on a node: takes {@link ShardEnvelope}s for one
 * entity type and makes sure each entity runs on exactly one node.
 *
 * <ul>
 * <li>A shard this node owns: the entity starts on its first message and gets every message.
 * <li>A shard another node owns: the envelope is forwarded there, stamped with this node's
 * allocation epoch; a region that receives an envelope stamped with a newer epoch than its own
 * waits for that epoch instead of passing it back, so stale views cannot bounce messages.
 * <li>A shard nobody owns (not allocated yet, or in hand-off): the envelope waits, bounded,
 * until an owner is known.
 * <li>A shard this node is handing off: its entities are stopped (each finishes the messages
 * already in its mailbox), then the leader is told, and only then gives the shard a new owner.
 * </ul>
 */
public final class ShardRegion<M> {

	private static final Logger logger = LoggerFactory.getLogger(ShardRegion.class);

	/** Messages waiting for their shard's owner, across all shards. */
	static final int MAX_BUFFERED = 10_000;

	private record EntityStopped(String entityId, int shard) {
	}

	private record Waiting(ShardEnvelope<?> envelope, long minEpoch) {
	}

	private final EntityType<M> type;

	private final NodeAddress self;

	private final ActorContext<Object> context;

	private final AtomicLong forwarded;

	private final Map<String, ActorRef<M>> entities = new HashMap<>();

	private final Map<Integer, Set<String>> entitiesByShard = new HashMap<>();

	private final Queue<Waiting> waiting = new ArrayDeque<>();

	private RegionView view = new RegionView(null, -1, null);

	private ShardRegion(EntityType<M> type, ActorContext<Object> context, AtomicLong forwarded) {
		this.type = type;
		this.self = context.system().address();
		this.context = context;
		this.forwarded = forwarded;
	}

	/**
	 * @param type the entity type this region hosts
	 * @param daemon the node's cluster daemon, which sends this region its {@link RegionView}s
	 * @param forwarded counts envelopes this region passed on to another node
	 */
	public static <M> Behavior<Object> create(EntityType<M> type, ActorRef<Object> daemon, AtomicLong forwarded) {
		return Behaviors.setup(context -> {
			daemon.tell(new ClusterDaemon.RegisterRegion(type.name(), context.self()));
			return new ShardRegion<>(type, context, forwarded).behavior();
		});
	}

	private Behavior<Object> behavior() {
		return Behaviors.receiveMessage(message -> {
			if (message instanceof ShardEnvelope<?> envelope) {
				route(envelope, -1);
			}
			else if (message instanceof ForwardedEnvelope forwardedEnvelope) {
				route(forwardedEnvelope.envelope(), forwardedEnvelope.epoch());
			}
			else if (message instanceof RegionView next) {
				onView(next);
			}
			else if (message instanceof EntityStopped stopped) {
				onEntityStopped(stopped);
			}
			else {
				logger.warn("Region '{}' ignores unexpected {}", type.name(), message.getClass().getName());
			}
			return Behaviors.same();
		});
	}

	@SuppressWarnings("unchecked")
	private void route(ShardEnvelope<?> envelope, long minEpoch) {
		int shard = ShardHash.shardOf(envelope.entityId(), type.numShards());
		TypeAllocation allocation = view.allocation();
		NodeAddress owner = allocation == null || minEpoch > view.epoch() ? null : allocation.owners().get(shard);
		if (self.equals(owner) && !isStopping(envelope.entityId(), shard)) {
			entity(envelope.entityId(), shard).tell((M) envelope.message());
		}
		else if (owner != null && !self.equals(owner)) {
			forwarded.incrementAndGet();
			regionAt(owner).tell(new ForwardedEnvelope(envelope, view.epoch()));
		}
		else if (waiting.size() < MAX_BUFFERED) {
			waiting.add(new Waiting(envelope, minEpoch));
		}
		else {
			logger.warn("Region '{}' dropped a message for entity '{}': {} messages already wait for their shard's owner",
					type.name(), envelope.entityId(), MAX_BUFFERED);
		}
	}

	/** An entity told to stop (its shard moved away and came back) must finish before it restarts. */
	private boolean isStopping(String entityId, int shard) {
		return !entities.containsKey(entityId) && entitiesByShard.getOrDefault(shard, Set.of()).contains(entityId);
	}

	@SuppressWarnings("unchecked")
	private ActorRef<Object> regionAt(NodeAddress owner) {
		return (ActorRef<Object>) context.system().resolve(new ActorAddress(owner, ProtocolPaths.shardRegion(type.name())));
	}

	private ActorRef<M> entity(String entityId, int shard) {
		ActorRef<M> entity = entities.get(entityId);
		if (entity == null) {
			entity = context.spawn(type.factory().apply(entityId), childName(entityId));
			context.watchWith(entity, new EntityStopped(entityId, shard));
			entities.put(entityId, entity);
			entitiesByShard.computeIfAbsent(shard, key -> new HashSet<>()).add(entityId);
		}
		return entity;
	}

	private void onView(RegionView next) {
		if (next.epoch() < view.epoch()) {
			return;
		}
		view = next;
		TypeAllocation allocation = next.allocation();
		if (allocation != null && allocation.numShards() != type.numShards()) {
			logger.error("Region '{}' has {} shards but the cluster allocates {}; its messages will wait until that is fixed",
					type.name(), type.numShards(), allocation.numShards());
			view = new RegionView(null, next.epoch(), next.leader());
		}
		stopEntitiesOfShardsNotOwned();
		reportCompletedHandOffs();
		retryWaiting();
	}

	private void retryWaiting() {
		for (int pending = waiting.size(); pending > 0; pending--) {
			Waiting retry = waiting.remove();
			route(retry.envelope(), retry.minEpoch());
		}
	}

	private void stopEntitiesOfShardsNotOwned() {
		TypeAllocation allocation = view.allocation();
		entitiesByShard.forEach((shard, ids) -> {
			if (allocation == null || !self.equals(allocation.owners().get(shard))) {
				for (String id : ids) {
					ActorRef<M> entity = entities.remove(id);
					if (entity != null) {
						context.stop(entity);
					}
				}
			}
		});
	}

	private void onEntityStopped(EntityStopped stopped) {
		entities.remove(stopped.entityId());
		Set<String> ids = entitiesByShard.get(stopped.shard());
		if (ids != null) {
			ids.remove(stopped.entityId());
			if (ids.isEmpty()) {
				entitiesByShard.remove(stopped.shard());
				reportCompletedHandOffs();
			}
		}
		retryWaiting();
	}

	/**
	 * Tells the leader about every shard this node hands off and has no entity of any more.
	 * Repeated on every view until the leader acts, so a lost report or a new leader is harmless.
	 */
	private void reportCompletedHandOffs() {
		TypeAllocation allocation = view.allocation();
		if (allocation == null || view.leader() == null) {
			return;
		}
		for (Map.Entry<Integer, HandOff> entry : allocation.handOffs().entrySet()) {
			if (entry.getValue().from().equals(self) && !entitiesByShard.containsKey(entry.getKey())) {
				ClusterDaemon.at(context.system(), view.leader()).tell(new HandOffComplete(type.name(), entry.getKey(), self));
			}
		}
	}

	/** Entity ids may hold any character; a path segment may not hold '/'. */
	static String childName(String entityId) {
		return "$" + URLEncoder.encode(entityId, StandardCharsets.UTF_8);
	}
}
