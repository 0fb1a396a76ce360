package io.casty.actor;

import java.util.function.Function;

/**
 * Stands between an actor's mailbox and its behavior: given at spawn, it sees each message the
 * actor takes from its mailbox and decides what its behavior gets and around what it runs: a
 * message unwrapped from what carried it, a tracing scope open while the behavior handles it.
 * It runs on the actor's thread, so what it makes current there is what the behavior sees.
 *
 * <p>The outcomes an actor pipes to itself ({@link ActorContext#pipeToSelf}) pass it by: they
 * continue work the actor started, they are not messages from outside.
 */
@FunctionalInterface
public interface MessageInterceptor {

	/** Hands every message straight to the behavior. */
	MessageInterceptor NONE = (message, behavior) -> behavior.apply(message);

	/**
	 * Handles one message.
	 *
	 * @param message the message as it came out of the mailbox
	 * @param behavior the actor's current behavior: call it once, with the message it must handle
	 * @return what {@code behavior} returned: the actor's next behavior
	 */
	Behavior<?> intercept(Object message, Function<Object, Behavior<?>> behavior);
}
