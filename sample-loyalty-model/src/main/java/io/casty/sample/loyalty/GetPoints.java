package io.casty.sample.loyalty;

import io.casty.actor.ActorRef;

/**
 * Asks for the account's total, which goes to {@code replyTo}. Sent with {@code ask}, which
 * creates the reply address.
 *
 * @param replyTo where the total goes
 */
public record GetPoints(ActorRef<Integer> replyTo) implements LoyaltyCommand {

}
