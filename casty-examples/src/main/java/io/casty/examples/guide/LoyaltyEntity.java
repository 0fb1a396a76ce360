package io.casty.examples.guide;

import io.casty.actor.ActorRef;
import io.casty.actor.Behavior;
import io.casty.actor.Behaviors;

/** A loyalty account: one entity per user, keeping the user's points total. */
public final class LoyaltyEntity {

	/** What a loyalty account accepts. */
	public sealed interface Command permits AddPoints, GetPoints {
	}

	/** Adds points to the account. */
	public record AddPoints(int amount) implements Command {
	}

	/** Asks for the account's total; the answer goes to {@code replyTo}. */
	public record GetPoints(ActorRef<Integer> replyTo) implements Command {
	}

	/** The entity type's name, which clients address. */
	public static final String SHARD_TYPE = "loyalty";

	/** How many shards the loyalty entities are spread over. */
	public static final int NUM_SHARDS = 10;

	private LoyaltyEntity() {
	}

	/** The behavior of the entity for {@code entityId}, starting at zero points. */
	public static Behavior<Command> create(String entityId) {
		return account(entityId, 0);
	}

	private static Behavior<Command> account(String entityId, int total) {
		return Behaviors.receiveMessage(command -> {
			if (command instanceof AddPoints add) {
				int newTotal = total + add.amount();
				System.out.println("  [" + entityId + "] +" + add.amount() + " points (total: " + newTotal + ")");
				return account(entityId, newTotal);
			}
			((GetPoints) command).replyTo().tell(total);
			return Behaviors.same();
		});
	}
}
