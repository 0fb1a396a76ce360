package io.casty.actor;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * A ref without a mailbox: a message told to it runs a callback on the sender's thread. Used
 * as the reply address of an ask. It is registered under {@code /temp/<n>} until
 * {@link #release()}; messages after that go to dead letters.
 */
public final class TemporaryRef<M> extends AbstractActorRef<M> {

	private final ActorSystem system;

	private final Consumer<? super M> onMessage;

	TemporaryRef(ActorSystem system, ActorAddress address, Consumer<? super M> onMessage) {
		super(address);
		this.system = system;
		this.onMessage = onMessage;
	}

	@Override
	public void tell(M message) {
		onMessage.accept(Objects.requireNonNull(message, "message"));
	}

	/** Unregisters this ref; later messages to its address are dead letters. */
	public void release() {
		system.unregister(address().path(), this);
	}
}
