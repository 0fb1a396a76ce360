package io.casty.actor;

import java.util.function.Consumer;

/**
 * The reply address of an ask: a {@link CallbackRef} registered under {@code /temp/<n>} until
 * {@link #release()}; messages after that go to dead letters.
 */
public final class TemporaryRef<M> extends CallbackRef<M> {

	private final ActorSystem system;

	TemporaryRef(ActorSystem system, ActorAddress address, Consumer<? super M> onMessage) {
		super(address, onMessage);
		this.system = system;
	}

	/** Unregisters this ref; later messages to its address are dead letters. */
	public void release() {
		system.unregister(address().path(), this);
	}
}
