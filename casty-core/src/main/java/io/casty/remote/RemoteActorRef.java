package io.casty.remote;

import io.casty.actor.AbstractActorRef;
import io.casty.actor.ActorAddress;
import java.util.Objects;

/** A ref to an actor in another process: telling it encodes the message and queues it for the peer. */
final class RemoteActorRef<M> extends AbstractActorRef<M> {

	private final NettyTransport transport;

	RemoteActorRef(ActorAddress address, NettyTransport transport) {
		super(address);
		this.transport = transport;
	}

	@Override
	public void tell(M message) {
		transport.send(address(), Objects.requireNonNull(message, "message"));
	}
}
