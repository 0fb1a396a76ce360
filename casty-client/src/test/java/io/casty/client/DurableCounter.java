package io.casty.client;

import io.casty.actor.ActorRef;
import io.casty.actor.Behaviors;
import io.casty.client.TestEntities.DurableAdd;
import io.casty.client.TestEntities.DurableCommand;
import io.casty.client.TestEntities.DurableGet;
import io.casty.cluster.EntityType;
import io.casty.persistence.Effect;
import io.casty.persistence.EventSourcedEntity;
import io.casty.persistence.Persistence;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * The event-sourced counter the test nodes host on a journal: every {@link DurableAdd} is an
 * {@link Added} event, durable before it is answered. The state remembers the totals its most
 * recent idempotency keys answered, so a retried addition (its ask failed or timed out, its
 * first attempt may still be applied, or already was) is not applied twice and answers what the
 * first one did.
 */
final class DurableCounter implements EventSourcedEntity<DurableCommand, DurableCounter.Added, DurableCounter.Totals> {

	/**
	 * How many keys an entity remembers: far more than the additions a client makes to one
	 * entity while a stale copy of a command can still arrive (a few seconds), and bounded, so
	 * that snapshots stay small.
	 */
	static final int REMEMBERED_KEYS = 500;

	/** What the journal stores besides the commands: the event and the snapshot state. */
	static final List<Class<?>> JOURNAL_CLASSES = List.of(Added.class, Totals.class);

	/** The event: {@code amount} was added by the addition with {@code idempotencyKey}. */
	record Added(String idempotencyKey, int amount) {
	}

	/** The total and the totals the latest keys answered, oldest first. Mutable, touched on the entity's thread only. */
	static final class Totals {

		private int total;

		private final LinkedHashMap<String, Integer> totalsByKey = new LinkedHashMap<>();

		Totals apply(Added added) {
			total += added.amount();
			totalsByKey.put(added.idempotencyKey(), total);
			Iterator<String> oldest = totalsByKey.keySet().iterator();
			while (totalsByKey.size() > REMEMBERED_KEYS) {
				oldest.next();
				oldest.remove();
			}
			return this;
		}
	}

	/**
	 * The durable counters, each under the persistence id {@code durable-counter|<entity id>} (as
	 * {@link Persistence#entityType} would name it), telling {@code lifecycle} when each
	 * incarnation starts and stops, so that the tests' {@link EntityLifetimes} cover them too.
	 */
	static EntityType<DurableCommand> entityType(Persistence persistence, String nodeId, TestEntities.Lifecycle lifecycle) {
		return EntityType.of(TestEntities.DURABLE_SHARD_TYPE, TestEntities.DURABLE_NUM_SHARDS,
				entityId -> Behaviors.setup(context -> {
					lifecycle.started(entityId, nodeId);
					context.onStop(() -> lifecycle.stopped(entityId, nodeId));
					return persistence.behavior(TestEntities.DURABLE_SHARD_TYPE + "|" + entityId, new DurableCounter());
				}));
	}

	@Override
	public Totals emptyState() {
		return new Totals();
	}

	@Override
	public Effect<Added, Totals> onCommand(Totals totals, DurableCommand command) {
		if (command instanceof DurableAdd add) {
			Integer earlier = totals.totalsByKey.get(add.idempotencyKey());
			if (earlier != null) {
				return Effect.reply(add.replyTo(), earlier);
			}
			return Effect.<Added, Totals>persist(new Added(add.idempotencyKey(), add.amount()))
				.thenReply(add.replyTo(), state -> state.total);
		}
		return Effect.reply(((DurableGet) command).replyTo(), totals.total);
	}

	@Override
	public Totals onEvent(Totals totals, Added added) {
		return totals.apply(added);
	}

	@Override
	public ActorRef<?> replyTo(DurableCommand command) {
		return command instanceof DurableAdd add ? add.replyTo() : ((DurableGet) command).replyTo();
	}
}
