package io.casty.actor;

import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;
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
	 * <p>Each message it takes from its mailbox passes through {@code interceptor} on its way to
	 * its behavior ({@link MessageInterceptor#NONE}: straight to it).
	 *
	 * @throws IllegalArgumentException when a live child already has that name, or the capacity
	 *     is negative
	 */
	<C> ActorRef<C> spawn(Behavior<C> behavior, String name, Consumer<? super C> onUndelivered, int mailboxCapacity,
			MessageInterceptor interceptor);

	/**
	 * Stops a child of this actor once it has handled the messages already in its mailbox;
	 * messages after that go to dead letters (or to the child's {@code onUndelivered}).
	 */
	void stop(ActorRef<?> child);

	/**
	 * Runs {@code hook} on this actor's thread when it stops, for whatever it holds outside
	 * itself. A hook that throws is logged. Hooks run before the mailbox is handed over, so
	 * messages a hook hands back (by telling them to {@link #self()}, which has stopped) go to
	 * whoever takes over the actor's undelivered messages ahead of those still in the mailbox.
	 */
	void onStop(Runnable hook);

	/**
	 * Sends this actor the outcome of {@code stage} once it completes, as the message
	 * {@code adapt} makes of its value or failure ({@code adapt} runs on the completing thread).
	 * The message does not count against the mailbox capacity, so it is never dropped while the
	 * actor runs: an actor waiting for it cannot be stranded by a full mailbox. If the actor has
	 * stopped by then, the message is discarded.
	 */
	<T> void pipeToSelf(CompletionStage<T> stage, BiFunction<? super T, Throwable, ? extends M> adapt);

	/**
	 * Sends {@code message} to this actor once {@code other} (a local actor) has stopped;
	 * immediately if it already has.
	 */
	void watchWith(ActorRef<?> other, M message);
}
