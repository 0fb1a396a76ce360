package io.casty.remote;

import io.casty.actor.ActorAddress;
import io.casty.actor.ActorRef;
import java.util.Objects;

/** A ref to an actor in another process: telling it encodes the message and queues it for the peer. */
final class RemoteActorRef<M> implements ActorRef<M> {

	private final ActorAddress address;

	private final NettyTransport transport;

	RemoteActorRef(ActorAddress address, NettyTransport transport) {
		this.address = address;
		this.transport = transport;
	}

	@Override
	public void tell(M message) {
		transport.send(address, Objects.requireNonNull(message, "message"));
	}

	@Override
	public ActorAddress address() {
		return address;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof ActorRef<?> ref && address.equals(ref.address());
	}

	@Override
	public int hashCode() {
		return address.hashCode();
	}

	@Override
	public String toString() {
		return "RemoteActorRef[" + address + "]";
	}
}
