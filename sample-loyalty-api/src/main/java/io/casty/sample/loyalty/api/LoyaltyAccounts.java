package io.casty.sample.loyalty.api;

import java.util.concurrent.CompletableFuture;

/**
 * Users' loyalty accounts as the REST API needs them. {@link ClusterLoyaltyAccounts} keeps them
 * in the cluster; the controller depends on this interface only, so it can be tested without one.
 */
public interface LoyaltyAccounts {

	/**
	 * Adds points to a user's account without waiting for the account to apply them.
	 * @param userId the user
	 * @param amount the points to add
	 * @throws io.casty.client.ClusterUnavailableException when the cluster cannot be reached
	 * @throws io.casty.client.ClientBufferFullException when the points would have to wait for
	 * their shard's owner and too many messages already wait
	 */
	void addPoints(String userId, int amount);

	/**
	 * A user's points total, counting every addition accepted before this call.
	 * @param userId the user
	 * @return the total; fails with {@link io.casty.client.AskTimeoutException} when the account
	 * does not answer in time, or {@link io.casty.client.ClusterUnavailableException} when the
	 * question cannot reach it
	 */
	CompletableFuture<Integer> points(String userId);

}
