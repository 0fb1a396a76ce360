package io.casty.persistence;

import io.casty.actor.ActorRef;

/**
 * The logic of an event-sourced entity: how a command becomes events, and how an event changes
 * the state. Casty runs it (see {@link Persistence#entityType}): it recovers the state from the
 * journal before the first command, makes each command's events durable before it applies
 * them, and only then runs the command's side effects (its reply).
 *
 * <pre>{@code
 * final class Counter implements EventSourcedEntity<CounterCommand, Added, Integer> {
 *     public Integer emptyState() { return 0; }
 *
 *     public Effect<Added, Integer> onCommand(Integer total, CounterCommand command) {
 *         if (command instanceof Add add) {
 *             // The type witness: a chained call has no target type to infer the state from.
 *             return Effect.<Added, Integer>persist(new Added(add.amount())).thenReply(add.replyTo(), (state) -> state);
 *         }
 *         return Effect.reply(((Get) command).replyTo(), total);
 *     }
 *
 *     public Integer onEvent(Integer total, Added added) { return total + added.amount(); }
 * }
 * }</pre>
 *
 * <p>Both handlers run on the entity's own thread, one message at a time. {@link #onEvent} also
 * runs during recovery, for events written long ago: it must only compute the next state, with
 * no side effects, and accept every event the entity ever wrote. The state may be mutable (then
 * {@link #onEvent} changes and returns it); it is serialized for snapshots, so its class, like
 * the events', must be in the node's message allow-list.
 *
 * @param <C> the commands the entity accepts
 * @param <E> the events it writes
 * @param <S> its state
 */
public interface EventSourcedEntity<C, E, S> {

	/** The state of an entity that has never written an event. */
	S emptyState();

	/**
	 * What to do about a command: persist events and then reply, or only reply.
	 * @param state the current state
	 * @param command the command
	 * @return the effect; never null
	 */
	Effect<E, S> onCommand(S state, C command);

	/**
	 * The state after an event.
	 * @param state the state before
	 * @param event an event the entity wrote
	 * @return the state after
	 */
	S onEvent(S state, E event);

	/**
	 * Where a command's sender waits for an answer, if it does: the entity sends it a failure
	 * ({@link io.casty.EntityFailedException} for the asker) when the command cannot be handled
	 * at all (the entity could not recover, or too many commands wait). Commands sent with
	 * {@code tell} have none.
	 * @param command a command
	 * @return its reply address, or {@code null}
	 */
	default ActorRef<?> replyTo(C command) {
		return null;
	}
}
