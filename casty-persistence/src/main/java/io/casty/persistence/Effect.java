package io.casty.persistence;

import io.casty.actor.ActorRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * What an {@link EventSourcedEntity} does about a command: the events to persist (none for a
 * query), then the side effects to run once they are durable and applied. Immutable: each
 * {@code then…} returns a new effect.
 *
 * <pre>{@code
 * Effect.persist(new PointsAdded(amount)).thenReply(replyTo, Account::total)
 * Effect.reply(replyTo, account.total())
 * }</pre>
 *
 * <p>If the events cannot be made durable, no side effect runs: the reply address given to
 * {@link #thenReply} gets a failure instead ({@link io.casty.EntityFailedException} for the
 * asker), and the entity restarts from the journal.
 *
 * @param <E> the entity's events
 * @param <S> its state
 */
public final class Effect<E, S> {

	private static final Effect<Object, Object> NONE = new Effect<>(List.of(), List.of(), null);

	private final List<E> events;

	private final List<Consumer<? super S>> sideEffects;

	private final ActorRef<?> replyTo;

	private Effect(List<E> events, List<Consumer<? super S>> sideEffects, ActorRef<?> replyTo) {
		this.events = events;
		this.sideEffects = sideEffects;
		this.replyTo = replyTo;
	}

	/** Persist this event, then run the side effects. */
	public static <E, S> Effect<E, S> persist(E event) {
		return new Effect<>(List.of(Objects.requireNonNull(event, "event")), List.of(), null);
	}

	/** Persist these events, all or none, then run the side effects. */
	public static <E, S> Effect<E, S> persist(List<? extends E> events) {
		return new Effect<>(List.copyOf(events), List.of(), null);
	}

	/** Persist nothing; run the side effects at once. */
	@SuppressWarnings("unchecked")
	public static <E, S> Effect<E, S> none() {
		return (Effect<E, S>) NONE;
	}

	/** Persist nothing; answer {@code replyTo} with {@code reply}. */
	public static <E, S, R> Effect<E, S> reply(ActorRef<R> replyTo, R reply) {
		return Effect.<E, S>none().thenReply(replyTo, (state) -> reply);
	}

	/**
	 * Then answer {@code replyTo} with what {@code reply} makes of the state after the events.
	 * If the events fail, {@code replyTo} gets the failure.
	 */
	public <R> Effect<E, S> thenReply(ActorRef<R> replyTo, Function<? super S, ? extends R> reply) {
		Objects.requireNonNull(replyTo, "replyTo");
		Objects.requireNonNull(reply, "reply");
		return new Effect<>(events, append(sideEffects, (state) -> replyTo.tell(reply.apply(state))), replyTo);
	}

	/** Then run {@code action} with the state after the events. */
	public Effect<E, S> thenRun(Consumer<? super S> action) {
		return new Effect<>(events, append(sideEffects, Objects.requireNonNull(action, "action")), replyTo);
	}

	private static <S> List<Consumer<? super S>> append(List<Consumer<? super S>> list, Consumer<? super S> next) {
		List<Consumer<? super S>> longer = new ArrayList<>(list);
		longer.add(next);
		return List.copyOf(longer);
	}

	List<E> events() {
		return events;
	}

	List<Consumer<? super S>> sideEffects() {
		return sideEffects;
	}

	/** Where a failure to persist goes; null when nobody waits. */
	ActorRef<?> replyTo() {
		return replyTo;
	}
}
