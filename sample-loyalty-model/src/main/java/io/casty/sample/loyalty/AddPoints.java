package io.casty.sample.loyalty;

/**
 * Adds points to the account. Sent with {@code tell}: nothing answers.
 *
 * @param amount the points to add
 */
public record AddPoints(int amount) implements LoyaltyCommand {

}
