package io.casty.spring.test.greeter;

import io.casty.actor.Behavior;
import io.casty.actor.Behaviors;
import io.casty.spring.test.greeter.GreeterCommand.CountGreetings;
import io.casty.spring.test.greeter.GreeterCommand.Greet;

/** A greeter entity that keeps its count in memory, as a plain behaviour. */
public final class Greeter {

	private Greeter() {
	}

	public static Behavior<GreeterCommand> counting(int greetings) {
		return Behaviors.receiveMessage((command) -> {
			if (command instanceof Greet) {
				return counting(greetings + 1);
			}
			((CountGreetings) command).replyTo().tell(greetings);
			return Behaviors.same();
		});
	}

}
