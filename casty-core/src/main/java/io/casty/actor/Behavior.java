package io.casty.actor;

/**
 * How an actor reacts to its next message. Build one with {@link Behaviors}; the value a
 * handler returns is the behavior for the message after.
 *
 * <p>Not meant to be subclassed outside Casty.
 *
 * @param <M> the type of message the actor accepts
 */
public abstract class Behavior<M> {

	Behavior() {
	}
}
