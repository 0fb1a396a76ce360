package io.casty.spring.test.greeter;

import io.casty.actor.ActorRef;

/** What a greeter entity accepts: greetings to count, and the question how many it has had. */
public sealed interface GreeterCommand permits GreeterCommand.Greet, GreeterCommand.CountGreetings {

	/** A greeting, told. */
	record Greet(String text) implements GreeterCommand {
	}

	/** Asks how many greetings the entity has had. */
	record CountGreetings(ActorRef<Integer> replyTo) implements GreeterCommand {
	}

}
