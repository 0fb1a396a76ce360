package io.casty.persistence;

import io.casty.EntityFailedException;
import io.casty.actor.ActorRef;
import io.casty.actor.ActorSystem;
import io.casty.actor.TemporaryRef;
import io.casty.protocol.EntityFailure;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/** In-JVM asks for the tests, failing with {@link EntityFailedException} as a client's do. */
final class Asks {

	private Asks() {
	}

	@SuppressWarnings("unchecked")
	static <C, R> CompletableFuture<R> ask(ActorSystem system, ActorRef<C> target, Function<ActorRef<R>, C> request) {
		CompletableFuture<R> reply = new CompletableFuture<>();
		TemporaryRef<Object> replyTo = system.temporaryRef((message) -> {
			if (message instanceof EntityFailure failure) {
				reply.completeExceptionally(EntityFailedException.of(failure));
			}
			else {
				reply.complete((R) message);
			}
		});
		reply.whenComplete((value, failure) -> replyTo.release());
		target.tell(request.apply((ActorRef<R>) (ActorRef<?>) replyTo));
		return reply.orTimeout(10, TimeUnit.SECONDS);
	}
}
