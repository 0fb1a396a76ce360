package io.casty.actor;

/**
 * A handle to an actor that accepts messages of type {@code M}, local or on another node.
 *
 * <p>{@link #tell} never blocks and never waits for the message to be processed: delivery is
 * at most once. A ref is serializable: inside a message it travels as its {@link #address()},
 * and the receiving side turns it back into a ref that sends to the same actor (over the
 * connection the message arrived on, when the actor lives in a client).
 *
 * <p>Not meant to be implemented outside Casty.
 *
 * @param <M> the type of message the actor accepts
 */
public interface ActorRef<M> {

	/** Sends a message to the actor, without waiting. */
	void tell(M message);

	/** Where the actor lives. */
	ActorAddress address();

	/** This ref, seen as accepting a narrower message type. */
	@SuppressWarnings("unchecked")
	default <U extends M> ActorRef<U> narrow() {
		return (ActorRef<U>) this;
	}
}
