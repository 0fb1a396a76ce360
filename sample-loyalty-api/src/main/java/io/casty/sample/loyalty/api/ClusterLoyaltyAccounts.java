package io.casty.sample.loyalty.api;

import io.casty.actor.ActorRef;
import io.casty.client.ClientState;
import io.casty.client.ClusterClient;
import io.casty.client.ClusterUnavailableException;
import io.casty.client.EntityRef;
import io.casty.sample.loyalty.AddPointsAndConfirm;
import io.casty.sample.loyalty.GetPoints;
import io.casty.sample.loyalty.LoyaltyCommand;
import io.casty.sample.loyalty.PointsConfirmation;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.springframework.stereotype.Service;

/**
 * {@link LoyaltyAccounts} kept by the cluster's {@code loyalty} entities, reached through the
 * starter's {@link EntityRef}.
 *
 * <p>Both operations are asks. An addition is {@link AddPointsAndConfirm}, which the account
 * answers only after its event is in the journal: the API never confirms points that a crash
 * could still lose. (The fire-and-forget {@code AddPoints} is left to benchmarks; a REST caller
 * could not tell whether it arrived.) If the journal cannot take the event, the ask fails with
 * {@link io.casty.EntityFailedException} and nothing was confirmed.
 *
 * <p>While the client is not connected to the cluster at all, both operations fail at once with
 * {@link ClusterUnavailableException} instead of waiting in the client's buffer: the caller gets
 * a 503 to retry (nothing was sent) rather than a request that hangs for the whole ask timeout.
 * While it is connected, messages for a shard that is moving (its node left or died) still wait
 * in the buffer for the new owner.
 */
@Service
class ClusterLoyaltyAccounts implements LoyaltyAccounts {

	private final ClusterClient client;

	private final EntityRef<LoyaltyCommand> loyalty;

	ClusterLoyaltyAccounts(ClusterClient client, EntityRef<LoyaltyCommand> loyalty) {
		this.client = client;
		this.loyalty = loyalty;
	}

	@Override
	public CompletableFuture<PointsConfirmation> addPoints(String userId, int amount, String idempotencyKey) {
		return ask(userId, (replyTo) -> new AddPointsAndConfirm(amount, idempotencyKey, replyTo));
	}

	@Override
	public CompletableFuture<Integer> points(String userId) {
		return ask(userId, GetPoints::new);
	}

	/** Asks the user's account, or fails at once when the client is not connected. */
	private <R> CompletableFuture<R> ask(String userId, Function<ActorRef<R>, LoyaltyCommand> command) {
		ClientState state = this.client.state();
		if (!state.isConnected()) {
			return CompletableFuture.failedFuture(new ClusterUnavailableException(
					"The API is not connected to the cluster (client " + state.status()
							+ state.lastError().map((error) -> ", last error: " + error).orElse("") + ")"));
		}
		return this.loyalty.ask(userId, command);
	}

}
