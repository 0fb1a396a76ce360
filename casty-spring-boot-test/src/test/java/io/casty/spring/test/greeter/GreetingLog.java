package io.casty.spring.test.greeter;

import io.casty.actor.ActorRef;
import io.casty.persistence.Effect;
import io.casty.persistence.EventSourcedEntity;
import io.casty.spring.test.greeter.GreeterCommand.CountGreetings;
import io.casty.spring.test.greeter.GreeterCommand.Greet;

/** A greeter entity that keeps its count as events in the journal: the event-sourced variant. */
public final class GreetingLog implements EventSourcedEntity<GreeterCommand, GreetingLog.Greeted, Integer> {

	/** The event of one greeting; registered with casty.test.node.message-classes. */
	public record Greeted(String text) {
	}

	@Override
	public Integer emptyState() {
		return 0;
	}

	@Override
	public Effect<Greeted, Integer> onCommand(Integer greetings, GreeterCommand command) {
		if (command instanceof Greet greet) {
			return Effect.persist(new Greeted(greet.text()));
		}
		return Effect.reply(((CountGreetings) command).replyTo(), greetings);
	}

	@Override
	public Integer onEvent(Integer greetings, Greeted greeted) {
		return greetings + 1;
	}

	@Override
	public ActorRef<?> replyTo(GreeterCommand command) {
		return (command instanceof CountGreetings count) ? count.replyTo() : null;
	}

}
