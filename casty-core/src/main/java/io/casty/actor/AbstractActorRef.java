package io.casty.actor;

import java.util.Objects;

/**
 * Internal: what every Casty ref shares. A ref is identified by its address alone, so a local
 * ref, a remote ref and a ref read back from the wire for the same actor are equal.
 */
public abstract class AbstractActorRef<M> implements ActorRef<M> {

	private final ActorAddress address;

	protected AbstractActorRef(ActorAddress address) {
		this.address = Objects.requireNonNull(address, "address");
	}

	@Override
	public final ActorAddress address() {
		return address;
	}

	@Override
	public final boolean equals(Object other) {
		return other instanceof ActorRef<?> ref && address.equals(ref.address());
	}

	@Override
	public final int hashCode() {
		return address.hashCode();
	}

	@Override
	public String toString() {
		return getClass().getSimpleName() + "[" + address + "]";
	}
}
