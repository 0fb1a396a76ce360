package io.casty.persistence;

import io.casty.actor.ActorRef;

/** A test entity: a total that {@link Add} raises, answering the new total once durable. */
final class Counter implements EventSourcedEntity<Counter.Command, Counter.Added, Integer> {

	sealed interface Command permits Add, Get, Tell {
	}

	/** Adds and answers the new total. */
	record Add(int amount, ActorRef<Integer> replyTo) implements Command {
	}

	/** Answers the total. */
	record Get(ActorRef<Integer> replyTo) implements Command {
	}

	/** Adds; nobody waits. */
	record Tell(int amount) implements Command {
	}

	record Added(int amount) {
	}

	@Override
	public Integer emptyState() {
		return 0;
	}

	@Override
	public Effect<Added, Integer> onCommand(Integer total, Command command) {
		if (command instanceof Add add) {
			return Effect.<Added, Integer>persist(new Added(add.amount())).thenReply(add.replyTo(), (state) -> state);
		}
		if (command instanceof Get get) {
			return Effect.reply(get.replyTo(), total);
		}
		return Effect.persist(new Added(((Tell) command).amount()));
	}

	@Override
	public Integer onEvent(Integer total, Added added) {
		return total + added.amount();
	}

	@Override
	public ActorRef<?> replyTo(Command command) {
		if (command instanceof Add add) {
			return add.replyTo();
		}
		return (command instanceof Get get) ? get.replyTo() : null;
	}
}
