package io.casty.actor;

import java.util.function.Consumer;
import org.slf4j.Logger;

/**
 * What an actor can see and do about itself while it handles a message. Only valid on the
 * actor's own thread, inside its handler; never share it with other threads.
 *
 * @param <M> the type of message the actor accepts
 */
public interface ActorContext<M> {

	/** The actor's own ref. */
	ActorRef<M> self();

	/** The system the actor runs in. */
	ActorSystem system();

	/** A logger named after the actor's class of behavior. */
	Logger log();

	/**
	 * Starts a child actor. The child stops when this actor stops.
	 *
	 * @throws IllegalArgumentException when a live child already has that name
	 */
	<C> ActorRef<C> spawn(Behavior<C> behavior, String name);

	/**
	 * Starts a child actor whose undelivered messages are handed to {@code onUndelivered}
	 * instead of dead letters: what is still in its mailbox when it stops, in order and before
	 * its watchers hear of the stop (on the child's thread), and whatever is sent to it after
	 * that (on the sender's thread). For a parent that restarts the child elsewhere and must
	 * lose nothing on the way.
	 *
	 * <p>At most {@code mailboxCapacity} messages wait in its mailbox (0: no limit): one more is
	 * dropped, counted in {@link ActorSystem#droppedMessageCount()} and warned about (at most ten
	 * lines every ten seconds), so a sender faster than the child cannot exhaust the heap.
	 *
	 * @throws IllegalArgumentException when a live child already has that name, or the capacity
	 *     is negative
	 */
	<C> ActorRef<C> spawn(Behavior<C> behavior, String name, Consumer<? super C> onUndelivered, int mailboxCapacity);

	/**
	 * Stops a child of this actor once it has handled the messages already in its mailbox;
	 * messages after that go to dead letters (or to the child's {@code onUndelivered}).
	 */
	void stop(ActorRef<?> child);

	/**
	 * Runs {@code hook} on this actor's thread when it stops, for whatever it holds outside
	 * itself. A hook that throws is logged.
	 */
	void onStop(Runnable hook);

	/**
	 * Sends {@code message} to this actor once {@code other} (a local actor) has stopped;
	 * immediately if it already has.
	 */
	void watchWith(ActorRef<?> other, M message);
}
