package io.casty.node.loyalty;

import io.casty.actor.Behavior;
import io.casty.actor.Behaviors;
import io.casty.sample.loyalty.AddPoints;
import io.casty.sample.loyalty.GetPoints;
import io.casty.sample.loyalty.LoyaltyCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A loyalty account: one entity per user, keeping the user's points total in memory. When its
 * shard moves to another node, the account starts again from zero there.
 */
public final class LoyaltyEntity {

	private static final Logger logger = LoggerFactory.getLogger(LoyaltyEntity.class);

	private LoyaltyEntity() {
	}

	/**
	 * The behavior of the account of one user, starting at zero points.
	 * @param userId the entity id
	 * @return the behavior
	 */
	public static Behavior<LoyaltyCommand> create(String userId) {
		return account(userId, 0);
	}

	private static Behavior<LoyaltyCommand> account(String userId, int total) {
		return Behaviors.receiveMessage((command) -> {
			if (command instanceof AddPoints add) {
				return add(userId, total, add.amount());
			}
			((GetPoints) command).replyTo().tell(total);
			return Behaviors.same();
		});
	}

	private static Behavior<LoyaltyCommand> add(String userId, int total, int amount) {
		int newTotal;
		try {
			newTotal = Math.addExact(total, amount);
		}
		catch (ArithmeticException overflow) {
			// The total is an int on the wire; refusing the addition keeps it correct.
			logger.warn("[{}] +{} points refused: the total of {} would overflow", userId, amount, total);
			return Behaviors.same();
		}
		logger.info("[{}] +{} points (total: {})", userId, amount, newTotal);
		return account(userId, newTotal);
	}

}
