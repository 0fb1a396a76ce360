package io.casty.actor;

/** A ref to an actor that does not exist: whatever is told to it is counted as a dead letter. */
final class DeadLetterRef<M> implements ActorRef<M> {

	private final ActorSystem system;

	private final ActorAddress address;

	DeadLetterRef(ActorSystem system, ActorAddress address) {
		this.system = system;
		this.address = address;
	}

	@Override
	public void tell(M message) {
		system.deadLetter(address, message);
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
		return "DeadLetterRef[" + address + "]";
	}
}
