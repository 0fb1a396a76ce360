package io.casty.sample.loyalty;

import io.casty.actor.ActorRef;

/**
 * Adds points to the account and answers once the addition is durable: the confirmation holds
 * the new total. Sent with {@code ask}. If the ask fails (a timeout, a lost reply, an
 * {@link io.casty.EntityFailedException}), the points may or may not have been added: send the
 * same command again with the same {@code idempotencyKey}, and they are added once.
 *
 * @param amount the points to add, positive
 * @param idempotencyKey identifies this addition across retries (the account remembers the
 *     last {@link LoyaltyMessages#REMEMBERED_KEYS} keys); {@code null} for none
 * @param replyTo where the confirmation goes
 */
public record AddPointsAndConfirm(int amount, String idempotencyKey, ActorRef<PointsConfirmation> replyTo)
		implements LoyaltyCommand {

}
