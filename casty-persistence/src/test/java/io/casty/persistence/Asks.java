package io.casty.persistence;

import io.casty.actor.ActorRef;
import io.casty.actor.ActorSystem;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/** In-JVM asks for the tests, with a timeout long enough for any of them. */
final class Asks {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private Asks() {
	}

	static <C, R> CompletableFuture<R> ask(ActorSystem system, ActorRef<C> target, Function<ActorRef<R>, C> request) {
		return system.ask(target, request, TIMEOUT);
	}
}
