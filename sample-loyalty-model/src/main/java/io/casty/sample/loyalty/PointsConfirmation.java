package io.casty.sample.loyalty;

/**
 * The answer to {@link AddPointsAndConfirm}, sent once the account's state is durable.
 *
 * @param total the account's total after the addition (for a {@link Outcome#DUPLICATE}: the
 *     total the first addition with that key answered)
 * @param outcome what became of the addition
 */
public record PointsConfirmation(int total, Outcome outcome) {

	/** What became of an addition. */
	public enum Outcome {

		/** The points were added, durably. */
		ADDED,

		/** An addition with the same idempotency key was already made; nothing was added again. */
		DUPLICATE,

		/** Refused: the total would overflow. Nothing was added. */
		REFUSED_OVERFLOW

	}
}
