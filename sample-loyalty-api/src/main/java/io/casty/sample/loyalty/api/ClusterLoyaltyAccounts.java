package io.casty.sample.loyalty.api;

import io.casty.client.ClientState;
import io.casty.client.ClusterClient;
import io.casty.client.ClusterUnavailableException;
import io.casty.client.EntityRef;
import io.casty.sample.loyalty.AddPoints;
import io.casty.sample.loyalty.GetPoints;
import io.casty.sample.loyalty.LoyaltyCommand;
import java.util.concurrent.CompletableFuture;
import org.springframework.stereotype.Service;

/**
 * {@link LoyaltyAccounts} kept by the cluster's {@code loyalty} entities, reached through the
 * starter's {@link EntityRef}.
 *
 * <p>While the client is not connected to the cluster at all, both operations fail at once with
 * {@link ClusterUnavailableException} instead of waiting in the client's buffer: the caller gets
 * a 503 to retry rather than a 202 for points that may never arrive, or a GET that hangs for the
 * whole ask timeout. While it is connected, messages for a shard that is moving (its node left
 * or died) still wait in the buffer for the new owner.
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
	public void addPoints(String userId, int amount) {
		requireConnected();
		this.loyalty.tell(userId, new AddPoints(amount));
	}

	@Override
	public CompletableFuture<Integer> points(String userId) {
		try {
			requireConnected();
		}
		catch (ClusterUnavailableException ex) {
			return CompletableFuture.failedFuture(ex);
		}
		return this.loyalty.ask(userId, GetPoints::new);
	}

	private void requireConnected() {
		ClientState state = this.client.state();
		if (!state.isConnected()) {
			throw new ClusterUnavailableException("The API is not connected to the cluster (client "
					+ state.status() + state.lastError().map((error) -> ", last error: " + error).orElse("") + ")");
		}
	}

}
