package io.casty.actor;

import java.util.Objects;

/** A ref to an actor of this JVM: telling it puts the message straight into the mailbox. */
final class LocalActorRef<M> extends AbstractActorRef<M> {

	private final ActorCell<M> cell;

	LocalActorRef(ActorAddress address, ActorCell<M> cell) {
		super(address);
		this.cell = cell;
	}

	ActorCell<M> cell() {
		return cell;
	}

	@Override
	public void tell(M message) {
		cell.enqueue(Objects.requireNonNull(message, "message"));
	}
}
