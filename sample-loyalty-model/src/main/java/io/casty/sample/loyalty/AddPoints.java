package io.casty.sample.loyalty;

/**
 * Adds points to the account, fire and forget. Sent with {@code tell}: nothing answers, so the
 * sender never learns whether the points were made durable (they are, unless the account's
 * journal fails). Use {@link AddPointsAndConfirm} when the caller must know.
 *
 * @param amount the points to add
 */
public record AddPoints(int amount) implements LoyaltyCommand {

}
