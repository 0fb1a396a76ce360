package io.casty.cluster.sharding;

import io.casty.actor.ActorAddress;
import io.casty.actor.ActorContext;
import io.casty.actor.ActorRef;
import io.casty.actor.ActorSystem;
import io.casty.actor.Behavior;
import io.casty.actor.Behaviors;
import io.casty.actor.NodeAddress;
import io.casty.cluster.EntityType;
import io.casty.cluster.membership.ClusterDaemon;
import io.casty.cluster.membership.ClusterMessages.HandOffComplete;
import io.casty.cluster.observation.EntityObservations;
import io.casty.cluster.sharding.RegionRouter.RunningEntity;
import io.casty.protocol.ProtocolPaths;
import io.casty.sharding.ShardEnvelope;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Internal: hosts one entity type on a node: takes {@link ShardEnvelope}s for the type and makes
 * sure each entity runs on exactly one node. Senders reach it through its {@link RegionRouter} at
 * {@code /system/sharding/<type>}, which delivers straight to running entities; the region actor
 * ({@code /system/regions/<type>}, the entities' parent) handles everything else:
 *
 * <ul>
 * <li>A shard this node owns: the entity starts on its first message and gets every message.
 * <li>A shard another node owns: the envelope is forwarded there, stamped with this node's
 * allocation epoch; a region that receives an envelope stamped with a newer epoch than its own
 * waits for that epoch instead of passing it back, so stale views cannot bounce messages. It is
 * forwarded only over a connection already open to the owner: when there is none (the owner just
 * died, or the network between the two is cut) the envelope waits, with the shard's later ones,
 * until a connection to the owner opens or the shard moves to another node, rather than being
 * queued on a connection that may never open and lost with it.
 * <li>A shard nobody owns (not allocated yet, or in hand-off): the envelope waits, bounded,
 * until an owner is known.
 * <li>A shard this node owns while the node's hosting lease has run out (the node stood still
 * and may have been downed meanwhile): the envelope waits until a new lease comes, or follows
 * its shard if a view moved it.
 * <li>A shard this node is handing off: its entities are stopped (each finishes the messages
 * already in its mailbox), then the leader is told, and only then gives the shard a new owner.
 * What reaches an entity after it was told to stop comes back here and follows the entity to
 * its next home, ahead of whatever waited for it meanwhile: nothing is lost and, per sender,
 * nothing is reordered.
 * </ul>
 */
public final class ShardRegion<M> {

	/** An envelope its router handed over; counts in the router until passed on. */
	record Routed(ShardEnvelope<?> envelope, int shard, long minEpoch) {
	}

	private static final Logger logger = LoggerFactory.getLogger(ShardRegion.class);

	/** Messages waiting for their shard's owner, across all shards. */
	static final int MAX_BUFFERED = 10_000;

	private record EntityStopped(String entityId, int shard) {
	}

	/** Time to look for idle entities. */
	private enum PassivationTick {
		INSTANCE
	}

	/** Ticks per passivation period: an idle entity stops between 1 and 1.25 periods after its last message. */
	static final int TICKS_PER_PASSIVATION = 4;

	/** A message an entity stopped without handling (or got after it stopped). */
	private record Undelivered(String entityId, int shard, Object message) {
	}

	/** @param routed whether the router counts it until it is passed on */
	private record Waiting(ShardEnvelope<?> envelope, int shard, long minEpoch, boolean routed) {
	}

	private final EntityType<M> type;

	private final NodeAddress self;

	private final ActorContext<Object> context;

	private final AtomicLong forwarded;

	private final RegionRouter<M> router;

	/** Messages that may wait for one entity. */
	private final int mailboxCapacity;

	/** Running entities, shared with the router: an entity is removed before it is told to stop. */
	private final Map<String, RunningEntity<M>> entities;

	/** Every entity not stopped yet, including those told to stop. */
	private final Map<Integer, Set<String>> entitiesByShard = new HashMap<>();

	/** What entities told to stop did not handle, handed back before they stopped. */
	private final Map<String, List<Object>> undeliveredByStoppingEntity = new HashMap<>();

	private final Deque<Waiting> waiting = new ArrayDeque<>();

	/** Per shard, how many of {@link #waiting} are its: while any are, none of its envelopes overtakes them. */
	private final int[] waitingPerShard;

	private final OpenConnections openConnections;

	/** The node's membership clock, which the leases are measured by. */
	private final LongSupplier nanoTime;

	private final EntityObservations observations;

	private RegionView view = new RegionView(null, -1, null);

	private HostingLease lease = HostingLease.NONE;

	private ShardRegion(EntityType<M> type, ActorContext<Object> context, OpenConnections openConnections,
			AtomicLong forwarded, RegionRouter<M> router, int mailboxCapacity, LongSupplier nanoTime,
			EntityObservations observations) {
		this.type = type;
		this.openConnections = openConnections;
		this.waitingPerShard = new int[type.numShards()];
		this.self = context.system().address();
		this.context = context;
		this.forwarded = forwarded;
		this.router = router;
		this.entities = router.entities();
		this.mailboxCapacity = mailboxCapacity;
		this.nanoTime = nanoTime;
		this.observations = observations;
	}

	/**
	 * Starts the region actor and its router on {@code system}.
	 *
	 * @param type the entity type this region hosts
	 * @param daemon the node's cluster daemon, which sends this region its {@link RegionView}s
	 * @param openConnections how the region reaches the regions of other nodes
	 * @param forwarded counts envelopes this region passed on to another node
	 * @param passivateIdleAfter how long an entity may go without a message before it is stopped
	 *     (it starts again on its next message); {@link Duration#ZERO} keeps entities running
	 * @param mailboxCapacity messages that may wait for one entity; beyond it they are dropped
	 * @param nanoTime the node's membership clock, in nanoseconds: the daemon's leases are measured by it
	 * @param observations what the entities' messages pass through on their way to them
	 * @return the router, where envelopes for the type go, and a live count of its entities
	 */
	public static <M> Hosted start(ActorSystem system, EntityType<M> type, ActorRef<Object> daemon,
			OpenConnections openConnections, AtomicLong forwarded, Duration passivateIdleAfter, int mailboxCapacity,
			LongSupplier nanoTime, EntityObservations observations) {
		RegionRouter<M> router = new RegionRouter<>(type.numShards(), nanoTime);
		router.attach(system.systemActorOf(Behaviors.setup(context -> {
			daemon.tell(new ClusterDaemon.RegisterRegion(type.name(), context.self()));
			if (!passivateIdleAfter.isZero()) {
				ScheduledFuture<?> ticks = system.tellEvery(passivateIdleAfter.dividedBy(TICKS_PER_PASSIVATION),
						context.self(), PassivationTick.INSTANCE);
				context.onStop(() -> ticks.cancel(false));
			}
			return new ShardRegion<>(type, context, openConnections, forwarded, router, mailboxCapacity, nanoTime,
					observations)
				.behavior();
		}), "regions/" + type.name()));
		ActorRef<Object> ref = system.systemRouterOf(ProtocolPaths.shardRegion(type.name()).substring("/system/".length()),
				router::route);
		return new Hosted(ref, () -> router.entities().size());
	}

	/**
	 * A region as started: where its envelopes go, and how many of its entities run now.
	 *
	 * @param router where envelopes for the region's type go
	 * @param runningEntities the number of the region's entities running (not passivated)
	 */
	public record Hosted(ActorRef<Object> router, IntSupplier runningEntities) {

		/** A connection to {@code peer} opened: what waits for that node can go now. */
		public void connected(NodeAddress peer) {
			router.tell(new PeerConnected(peer));
		}
	}

	private record PeerConnected(NodeAddress peer) {
	}

	private Behavior<Object> behavior() {
		return Behaviors.receiveMessage(message -> {
			if (message instanceof Routed routed) {
				route(routed.envelope(), routed.shard(), routed.minEpoch(), true);
			}
			else if (message instanceof Undelivered undelivered) {
				onUndelivered(undelivered);
			}
			else if (message instanceof RegionView next) {
				onView(next);
			}
			else if (message instanceof HostingLease next) {
				onLease(next);
			}
			else if (message instanceof EntityStopped stopped) {
				onEntityStopped(stopped);
			}
			else if (message instanceof PeerConnected connected) {
				onPeerConnected(connected.peer());
			}
			else if (message == PassivationTick.INSTANCE) {
				passivateIdleEntities();
			}
			else {
				logger.warn("Region '{}' ignores unexpected {}", type.name(), message.getClass().getName());
			}
			return Behaviors.same();
		});
	}

	/**
	 * Passes an envelope on (to its entity here, or to its shard's owner) or makes it wait.
	 *
	 * @param routed whether the router counts the envelope until it is passed on
	 */
	@SuppressWarnings("unchecked")
	private void route(ShardEnvelope<?> envelope, int shard, long minEpoch, boolean routed) {
		TypeAllocation allocation = view.allocation();
		NodeAddress owner = allocation == null || minEpoch > view.epoch() ? null : allocation.owners().get(shard);
		boolean ownedElsewhere = owner != null && !self.equals(owner);
		if (self.equals(owner) && !isStopping(envelope.entityId(), shard) && lease.runsAt(nanoTime.getAsLong())) {
			entity(envelope.entityId(), shard).tell((M) envelope.message(), router.tick());
		}
		else if (ownedElsewhere && waitingPerShard[shard] == 0
				&& openConnections.sendIfConnected(regionAt(owner), new ForwardedEnvelope(envelope, view.epoch()))) {
			forwarded.incrementAndGet();
		}
		else if (waiting.size() < MAX_BUFFERED) {
			if (ownedElsewhere && logger.isDebugEnabled()) {
				logger.debug("Region '{}' keeps a message for entity '{}' until {}, the owner of shard {}, is connected or the shard moves",
						type.name(), envelope.entityId(), owner, shard);
			}
			waitLast(new Waiting(envelope, shard, minEpoch, routed));
			return;
		}
		else {
			logger.warn("Region '{}' dropped a message for entity '{}': {} messages already wait for their shard's owner",
					type.name(), envelope.entityId(), MAX_BUFFERED);
		}
		if (routed) {
			router.passedOn(shard);
		}
	}

	/**
	 * A message that reached an entity too late: it was in the mailbox when the entity stopped,
	 * or sent straight to it by the router just as it stopped. Kept for the entity's next home
	 * if the entity is stopping (ahead of what arrived since), sent there now if it stopped.
	 */
	private void onUndelivered(Undelivered undelivered) {
		if (isStopping(undelivered.entityId(), undelivered.shard())) {
			undeliveredByStoppingEntity.computeIfAbsent(undelivered.entityId(), id -> new ArrayList<>())
				.add(undelivered.message());
		}
		else {
			route(new ShardEnvelope<>(undelivered.entityId(), undelivered.message()), undelivered.shard(), -1, false);
		}
	}

	/** An entity told to stop (its shard moved away and came back) must finish before it restarts. */
	private boolean isStopping(String entityId, int shard) {
		return !entities.containsKey(entityId) && entitiesByShard.getOrDefault(shard, Set.of()).contains(entityId);
	}

	private ActorAddress regionAt(NodeAddress owner) {
		return new ActorAddress(owner, ProtocolPaths.shardRegion(type.name()));
	}

	private RunningEntity<M> entity(String entityId, int shard) {
		RunningEntity<M> entity = entities.get(entityId);
		if (entity == null) {
			ActorRef<Object> region = context.self();
			ActorRef<M> ref = context.spawn(type.factory().apply(entityId), childName(entityId),
					message -> region.tell(new Undelivered(entityId, shard, message)), mailboxCapacity,
					observations.forEntity(type.name(), entityId));
			context.watchWith(ref, new EntityStopped(entityId, shard));
			entity = new RunningEntity<>(ref, shard, router.tick());
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

	/**
	 * Renewed every heartbeat; only a lease that follows one that ran out releases what waits for
	 * it. Completed hand-offs are reported again on each: a report can reach a member before it
	 * knows it leads (its promotion and the report are on their way at the same time) and be
	 * dropped, and the view that would repeat it may not change for a long while.
	 */
	private void onLease(HostingLease next) {
		boolean ranOut = !lease.runsAt(nanoTime.getAsLong());
		lease = next;
		router.lease(next);
		reportCompletedHandOffs();
		if (ranOut) {
			retryWaiting();
		}
	}

	private void onPeerConnected(NodeAddress peer) {
		TypeAllocation allocation = view.allocation();
		if (allocation != null && allocation.owners().containsValue(peer)) {
			retryWaiting();
		}
	}

	/** Routes everything waiting again, in order: what still cannot go waits again, and its shard's later ones behind it. */
	private void retryWaiting() {
		if (waiting.isEmpty()) {
			return;
		}
		List<Waiting> retries = new ArrayList<>(waiting);
		waiting.clear();
		Arrays.fill(waitingPerShard, 0);
		for (Waiting retry : retries) {
			route(retry.envelope(), retry.shard(), retry.minEpoch(), retry.routed());
		}
	}

	private void waitLast(Waiting envelope) {
		waiting.addLast(envelope);
		waitingPerShard[envelope.shard()]++;
	}

	private void waitFirst(Waiting envelope) {
		waiting.addFirst(envelope);
		waitingPerShard[envelope.shard()]++;
	}

	private void stopEntitiesOfShardsNotOwned() {
		TypeAllocation allocation = view.allocation();
		entitiesByShard.forEach((shard, ids) -> {
			if (allocation == null || !self.equals(allocation.owners().get(shard))) {
				ids.forEach(this::stopEntity);
			}
		});
	}

	/** Leaves the router's view first, so nothing reaches the entity directly after its stop. */
	private void stopEntity(String entityId) {
		RunningEntity<M> entity = entities.remove(entityId);
		if (entity != null) {
			context.stop(entity.ref);
		}
	}

	private void passivateIdleEntities() {
		int tick = router.advanceTick();
		List<String> idle = new ArrayList<>();
		entities.forEach((id, entity) -> {
			if (tick - entity.lastActiveTick() > TICKS_PER_PASSIVATION) {
				idle.add(id);
			}
		});
		idle.forEach(this::stopEntity);
		if (!idle.isEmpty()) {
			logger.debug("Region '{}' passivated {} idle entities; {} still run", type.name(), idle.size(), entities.size());
		}
	}

	private void onEntityStopped(EntityStopped stopped) {
		entities.remove(stopped.entityId());
		// Sent before anything that waits for the entity now: they go first, in their order.
		List<Object> undelivered = undeliveredByStoppingEntity.remove(stopped.entityId());
		if (undelivered != null) {
			for (int i = undelivered.size() - 1; i >= 0; i--) {
				waitFirst(new Waiting(new ShardEnvelope<>(stopped.entityId(), undelivered.get(i)), stopped.shard(), -1,
						false));
			}
		}
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
	 * Repeated on every view and every lease until the leader acts, so a lost report or a new
	 * leader is harmless.
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
