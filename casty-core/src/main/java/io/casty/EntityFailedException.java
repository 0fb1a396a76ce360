package io.casty;

import io.casty.protocol.EntityFailure;

/**
 * An entity answered an ask with a failure instead of its reply (see {@link EntityFailure}):
 * nothing the question asked for was acknowledged. Whether it took effect anyway depends on the
 * {@link #reason()}: only a {@link Reason#PERSIST_FAILED} may have been written before the
 * failure was seen, which is why retries of changes should carry an idempotency key.
 */
public class EntityFailedException extends CastyException {

	/** Why the entity failed. */
	public enum Reason {

		/** The journal did not confirm the events in time, or refused them; the entity restarts. */
		PERSIST_FAILED,

		/**
		 * Another incarnation of the entity (on a paused or partitioned node) wrote first; this
		 * one stopped without writing.
		 */
		FENCED,

		/** The entity could not read its state back from the journal (unreachable, corrupt). */
		RECOVERY_FAILED,

		/** Reading the entity's state back took longer than its recovery timeout. */
		RECOVERY_TIMEOUT,

		/** Too many messages waited for the entity to recover or to persist. */
		OVERLOADED,

		/** A reason this version does not know (sent by a newer node). */
		UNKNOWN;

		static Reason of(String name) {
			for (Reason reason : values()) {
				if (reason.name().equals(name)) {
					return reason;
				}
			}
			return UNKNOWN;
		}
	}

	private final Reason reason;

	public EntityFailedException(Reason reason, String message) {
		super(message);
		this.reason = reason;
	}

	/** The exception a received failure stands for. */
	public static EntityFailedException of(EntityFailure failure) {
		return new EntityFailedException(Reason.of(failure.reason()), failure.message());
	}

	/** The wire form of a failure, to send to whoever asked. */
	public static EntityFailure failure(Reason reason, String message) {
		return new EntityFailure(reason.name(), message);
	}

	public Reason reason() {
		return reason;
	}
}
