package io.casty.sample.loyalty.api;

import io.casty.sample.loyalty.PointsConfirmation;
import java.util.concurrent.CompletableFuture;

/**
 * Users' loyalty accounts as the REST API needs them. {@link ClusterLoyaltyAccounts} keeps them
 * in the cluster; the controller depends on this interface only, so it can be tested without one.
 */
public interface LoyaltyAccounts {

	/**
	 * Adds points to a user's account and answers once the addition is durable in the account's
	 * journal, so that a caller told of it never loses it.
	 *
	 * <p>When the future fails, nothing was confirmed, but the points may still have been added
	 * (the reply was lost, or came too late). Asking again with the same
	 * {@code idempotencyKey} is safe: the account remembers its most recent keys
	 * ({@link io.casty.sample.loyalty.LoyaltyMessages#REMEMBERED_KEYS}) and answers a
	 * {@link PointsConfirmation.Outcome#DUPLICATE} with the first answer's total instead of
	 * adding again. Without a key, every call adds.
	 * @param userId the user
	 * @param amount the points to add, positive
	 * @param idempotencyKey identifies this addition across retries; {@code null} for none
	 * @return the confirmation: the new total, the first total for a duplicate, or a refusal when
	 * the total would overflow. Fails with {@link io.casty.EntityFailedException} when the account
	 * could not make the addition durable (or could not recover its state),
	 * {@link io.casty.client.AskTimeoutException} when it does not answer in time,
	 * {@link io.casty.client.ReplyLostException} when the connection to its node closed before the
	 * answer, {@link io.casty.client.ClusterUnavailableException} when the cluster cannot be
	 * reached, or {@link io.casty.client.ClientBufferFullException} when the addition would have
	 * to wait for its shard's owner and too many messages already wait
	 */
	CompletableFuture<PointsConfirmation> addPoints(String userId, int amount, String idempotencyKey);

	/**
	 * A user's points total, counting every addition confirmed before this call.
	 * @param userId the user
	 * @return the total; fails as {@link #addPoints} does ({@link io.casty.EntityFailedException}
	 * when the account cannot recover its state, {@link io.casty.client.AskTimeoutException} when it
	 * does not answer in time, {@link io.casty.client.ClusterUnavailableException} when the question
	 * cannot reach it, ...)
	 */
	CompletableFuture<Integer> points(String userId);

}
