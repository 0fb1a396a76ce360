package io.casty.actor;

import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Factories for {@link Behavior}s.
 *
 * <pre>{@code
 * static Behavior<Command> counter(int total) {
 *     return Behaviors.receive((context, message) -> switch (message) {
 *         case Add add -> counter(total + add.amount());
 *         case Get get -> { get.replyTo().tell(total); yield Behaviors.same(); }
 *     });
 * }
 * }</pre>
 */
public final class Behaviors {

	private Behaviors() {
	}

	/** A behavior whose handler sees the actor's context and the message. */
	public static <M> Behavior<M> receive(BiFunction<ActorContext<M>, M, Behavior<M>> handler) {
		return new ReceiveBehavior<>(Objects.requireNonNull(handler, "handler"));
	}

	/** A behavior whose handler sees only the message. */
	public static <M> Behavior<M> receiveMessage(Function<M, Behavior<M>> handler) {
		Objects.requireNonNull(handler, "handler");
		return new ReceiveBehavior<>((context, message) -> handler.apply(message));
	}

	/**
	 * A behavior built when the actor starts, on the actor's own thread: the place to read
	 * {@link ActorContext#self()}, spawn children or initialise state.
	 */
	public static <M> Behavior<M> setup(Function<ActorContext<M>, Behavior<M>> factory) {
		return new SetupBehavior<>(Objects.requireNonNull(factory, "factory"));
	}

	/** Keep the current behavior for the next message. */
	@SuppressWarnings("unchecked")
	public static <M> Behavior<M> same() {
		return (Behavior<M>) SpecialBehavior.SAME;
	}

	/** Stop the actor: its children stop, and later messages go to dead letters. */
	@SuppressWarnings("unchecked")
	public static <M> Behavior<M> stopped() {
		return (Behavior<M>) SpecialBehavior.STOPPED;
	}

	static final class ReceiveBehavior<M> extends Behavior<M> {

		final BiFunction<ActorContext<M>, M, Behavior<M>> handler;

		ReceiveBehavior(BiFunction<ActorContext<M>, M, Behavior<M>> handler) {
			this.handler = handler;
		}
	}

	static final class SetupBehavior<M> extends Behavior<M> {

		final Function<ActorContext<M>, Behavior<M>> factory;

		SetupBehavior(Function<ActorContext<M>, Behavior<M>> factory) {
			this.factory = factory;
		}
	}

	static final class SpecialBehavior<M> extends Behavior<M> {

		static final SpecialBehavior<Object> SAME = new SpecialBehavior<>("same");

		static final SpecialBehavior<Object> STOPPED = new SpecialBehavior<>("stopped");

		private final String name;

		private SpecialBehavior(String name) {
			this.name = name;
		}

		@Override
		public String toString() {
			return "Behaviors." + name + "()";
		}
	}
}
