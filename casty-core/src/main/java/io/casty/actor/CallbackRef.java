package io.casty.actor;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * Internal: a ref without a mailbox: a message told to it runs a callback on the sender's
 * thread (for a message from another process, the network thread it arrived on). For reply
 * addresses ({@link TemporaryRef}) and for routers that must decide where a message goes without
 * a hand-off to another thread ({@link ActorSystem#systemRouterOf}). The callback must be
 * thread-safe and quick: it runs on whichever thread sends.
 */
public class CallbackRef<M> extends AbstractActorRef<M> {

	private final Consumer<? super M> onMessage;

	CallbackRef(ActorAddress address, Consumer<? super M> onMessage) {
		super(address);
		this.onMessage = onMessage;
	}

	@Override
	public final void tell(M message) {
		onMessage.accept(Objects.requireNonNull(message, "message"));
	}
}
