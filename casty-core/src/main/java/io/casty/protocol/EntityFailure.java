package io.casty.protocol;

import java.util.Objects;

/**
 * Internal: the answer an entity sends instead of its reply when it could not handle the
 * question: its journal could not make the change durable, it could not recover its state, or it
 * is overloaded. A client's {@code ask} fails with {@link io.casty.EntityFailedException} when
 * this arrives, so a caller never mistakes it for a reply.
 *
 * @param reason why, one of {@link io.casty.EntityFailedException.Reason}'s names
 * @param message what happened, for people: names the entity and the cause
 */
public record EntityFailure(String reason, String message) {

	public EntityFailure {
		Objects.requireNonNull(reason, "reason");
		Objects.requireNonNull(message, "message");
	}
}
