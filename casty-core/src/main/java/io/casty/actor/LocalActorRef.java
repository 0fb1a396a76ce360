package io.casty.actor;

import java.util.Objects;

/** A ref to an actor of this JVM: telling it puts the message straight into the mailbox. */
final class LocalActorRef<M> implements ActorRef<M> {

	private final ActorAddress address;

	private final ActorCell<M> cell;

	LocalActorRef(ActorAddress address, ActorCell<M> cell) {
		this.address = address;
		this.cell = cell;
	}

	ActorCell<M> cell() {
		return cell;
	}

	@Override
	public void tell(M message) {
		cell.enqueue(Objects.requireNonNull(message, "message"));
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
		return "ActorRef[" + address + "]";
	}
}
