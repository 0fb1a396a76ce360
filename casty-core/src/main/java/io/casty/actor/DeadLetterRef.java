package io.casty.actor;

/** A ref to an actor that does not exist: whatever is told to it is counted as a dead letter. */
final class DeadLetterRef<M> extends AbstractActorRef<M> {

	private final ActorSystem system;

	DeadLetterRef(ActorSystem system, ActorAddress address) {
		super(address);
		this.system = system;
	}

	@Override
	public void tell(M message) {
		system.deadLetter(address(), message);
	}
}
