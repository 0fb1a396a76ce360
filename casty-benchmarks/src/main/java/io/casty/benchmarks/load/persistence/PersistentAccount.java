package io.casty.benchmarks.load.persistence;

import io.casty.actor.ActorRef;
import io.casty.benchmarks.points.PointsAccount;
import io.casty.benchmarks.points.PointsAccount.AddAndGet;
import io.casty.benchmarks.points.PointsAccount.AddPoints;
import io.casty.benchmarks.points.PointsAccount.Command;
import io.casty.benchmarks.points.PointsAccount.GetPoints;
import io.casty.persistence.Effect;
import io.casty.persistence.EventSourcedEntity;
import io.casty.serialization.MessageRegistry;

/**
 * The load generator's account ({@link PointsAccount}) made event-sourced: the same commands,
 * and every point added is an {@link Added} event, durable in the journal before the reply.
 */
final class PersistentAccount implements EventSourcedEntity<Command, PersistentAccount.Added, Integer> {

	/** Points added to the total: the only event. */
	record Added(int amount) {
	}

	/** What events and snapshots may hold: the event; the state, an {@code Integer}, always may. */
	static final MessageRegistry REGISTRY = MessageRegistry.builder().register(Added.class).build();

	@Override
	public Integer emptyState() {
		return 0;
	}

	@Override
	public Effect<Added, Integer> onCommand(Integer total, Command command) {
		if (command instanceof AddAndGet add) {
			return Effect.<Added, Integer>persist(new Added(add.amount())).thenReply(add.replyTo(), (state) -> state);
		}
		if (command instanceof AddPoints add) {
			return Effect.persist(new Added(add.amount()));
		}
		return Effect.reply(((GetPoints) command).replyTo(), total);
	}

	@Override
	public Integer onEvent(Integer total, Added added) {
		return total + added.amount();
	}

	@Override
	public ActorRef<?> replyTo(Command command) {
		if (command instanceof AddAndGet add) {
			return add.replyTo();
		}
		return (command instanceof GetPoints get) ? get.replyTo() : null;
	}
}
