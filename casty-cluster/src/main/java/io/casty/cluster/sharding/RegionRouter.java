package io.casty.cluster.sharding;

import io.casty.actor.ActorRef;
import io.casty.sharding.ShardEnvelope;
import io.casty.sharding.ShardHash;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.function.LongSupplier;

/**
 * The front of a {@link ShardRegion}, at {@code /system/sharding/<type>}: runs on the sender's
 * thread (for a client's message, the network thread it arrived on) and hands an envelope
 * straight to its entity's mailbox when the entity runs here, without a hop through the region
 * actor. Everything else (an entity not started yet or stopping, a shard owned elsewhere or by
 * nobody yet, forwarded envelopes, the region's own messages) goes to the region actor, which
 * decides and keeps this router's view current.
 *
 * <p>It hands nothing to an entity once the node's hosting lease has run out (a node that stood
 * still may have been downed meanwhile); the region actor keeps such messages until a new lease
 * comes, or sends them after their shard if it moved.
 *
 * <p>Order is kept per sender: an envelope that goes to the region actor counts in its shard
 * until the region has passed it on, and while a shard has any, the shard's later envelopes
 * queue behind them in the region actor instead of overtaking them.
 */
final class RegionRouter<M> {

	/** An entity that runs on this node and takes messages, and when it last got one. */
	static final class RunningEntity<M> {

		final ActorRef<M> ref;

		/** Its shard, so the router need not hash its id again. */
		final int shard;

		/** The region's tick of the entity's latest message: racy on purpose, a hint for passivation. */
		private volatile int lastActiveTick;

		RunningEntity(ActorRef<M> ref, int shard, int tick) {
			this.ref = ref;
			this.shard = shard;
			this.lastActiveTick = tick;
		}

		void tell(M message, int tick) {
			if (lastActiveTick != tick) {
				lastActiveTick = tick;
			}
			ref.tell(message);
		}

		int lastActiveTick() {
			return lastActiveTick;
		}
	}

	private final int numShards;

	/** Written by the region actor only: an entity leaves before it is told to stop. */
	private final Map<String, RunningEntity<M>> entities = new ConcurrentHashMap<>();

	/** Per shard, envelopes handed to the region actor that it has not passed on yet. */
	private final AtomicIntegerArray inRegion;

	private volatile ActorRef<Object> region;

	/** Advanced by the region actor; stamps each entity's latest message. */
	private volatile int tick;

	/** Set by the region actor from each lease: once it runs out, messages go to the region actor to wait. */
	private volatile HostingLease lease = HostingLease.NONE;

	/** The node's membership clock, which the leases are measured by; read on the senders' threads. */
	private final LongSupplier nanoTime;

	RegionRouter(int numShards, LongSupplier nanoTime) {
		this.numShards = numShards;
		this.inRegion = new AtomicIntegerArray(numShards);
		this.nanoTime = nanoTime;
	}

	/** Set once, before the router is reachable. */
	void attach(ActorRef<Object> regionActor) {
		this.region = regionActor;
	}

	/** The running entities, for the region actor to maintain. */
	Map<String, RunningEntity<M>> entities() {
		return entities;
	}

	int tick() {
		return tick;
	}

	/** Called by the region actor only. */
	int advanceTick() {
		return ++tick;
	}

	/** Called by the region actor only. */
	void lease(HostingLease next) {
		this.lease = next;
	}

	@SuppressWarnings("unchecked")
	void route(Object message) {
		if (message instanceof ShardEnvelope<?> envelope) {
			RunningEntity<M> entity = entities.get(envelope.entityId());
			if (entity != null && inRegion.get(entity.shard) == 0 && lease.runsAt(nanoTime.getAsLong())) {
				entity.tell((M) envelope.message(), tick);
				return;
			}
			int shard = entity != null ? entity.shard : ShardHash.shardOf(envelope.entityId(), numShards);
			toRegion(new ShardRegion.Routed(envelope, shard, -1));
		}
		else if (message instanceof ForwardedEnvelope forwarded) {
			int shard = ShardHash.shardOf(forwarded.envelope().entityId(), numShards);
			toRegion(new ShardRegion.Routed(forwarded.envelope(), shard, forwarded.epoch()));
		}
		else {
			region.tell(message);
		}
	}

	private void toRegion(ShardRegion.Routed routed) {
		inRegion.incrementAndGet(routed.shard());
		region.tell(routed);
	}

	/** The region actor passed on (or dropped) an envelope it got from this router. */
	void passedOn(int shard) {
		inRegion.decrementAndGet(shard);
	}
}
