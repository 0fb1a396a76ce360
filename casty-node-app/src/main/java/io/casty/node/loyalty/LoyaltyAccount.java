package io.casty.node.loyalty;

import io.casty.actor.ActorRef;
import io.casty.persistence.Effect;
import io.casty.persistence.EventSourcedEntity;
import io.casty.sample.loyalty.AddPoints;
import io.casty.sample.loyalty.AddPointsAndConfirm;
import io.casty.sample.loyalty.GetPoints;
import io.casty.sample.loyalty.LoyaltyCommand;
import io.casty.sample.loyalty.LoyaltyMessages;
import io.casty.sample.loyalty.PointsConfirmation;
import io.casty.sample.loyalty.PointsConfirmation.Outcome;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A loyalty account: one event-sourced entity per user. Every addition is a
 * {@link PointsAdded} event in the journal before anyone hears of it, so the total survives
 * passivation, shard moves, crashes and restarts: wherever the account starts, it replays its
 * snapshot and events first.
 */
public final class LoyaltyAccount implements EventSourcedEntity<LoyaltyCommand, PointsAdded, LoyaltyAccountState> {

	private static final Logger logger = LoggerFactory.getLogger(LoyaltyAccount.class);

	private final String userId;

	public LoyaltyAccount(String userId) {
		this.userId = userId;
	}

	@Override
	public LoyaltyAccountState emptyState() {
		return new LoyaltyAccountState();
	}

	@Override
	public Effect<PointsAdded, LoyaltyAccountState> onCommand(LoyaltyAccountState account, LoyaltyCommand command) {
		if (command instanceof AddPointsAndConfirm add) {
			return addAndConfirm(account, add);
		}
		if (command instanceof AddPoints add) {
			return overflows(account, add.amount()) ? Effect.none() : persist(add.amount(), null);
		}
		return Effect.reply(((GetPoints) command).replyTo(), account.total());
	}

	private Effect<PointsAdded, LoyaltyAccountState> addAndConfirm(LoyaltyAccountState account, AddPointsAndConfirm add) {
		OptionalInt earlier = account.totalAfter(add.idempotencyKey());
		if (earlier.isPresent()) {
			logger.info("[{}] +{} points with key {} already added; not again (total then: {})", this.userId,
					add.amount(), add.idempotencyKey(), earlier.getAsInt());
			return Effect.reply(add.replyTo(), new PointsConfirmation(earlier.getAsInt(), Outcome.DUPLICATE));
		}
		if (overflows(account, add.amount())) {
			return Effect.reply(add.replyTo(), new PointsConfirmation(account.total(), Outcome.REFUSED_OVERFLOW));
		}
		return persist(add.amount(), add.idempotencyKey())
			.thenReply(add.replyTo(), (state) -> new PointsConfirmation(state.total(), Outcome.ADDED));
	}

	/** Persists an addition and, once it is durable, logs it. */
	private Effect<PointsAdded, LoyaltyAccountState> persist(int amount, String idempotencyKey) {
		return Effect.<PointsAdded, LoyaltyAccountState>persist(new PointsAdded(amount, idempotencyKey))
			.thenRun((state) -> logger.info("[{}] +{} points (total: {})", this.userId, amount, state.total()));
	}

	private boolean overflows(LoyaltyAccountState account, int amount) {
		try {
			Math.addExact(account.total(), amount);
			return false;
		}
		catch (ArithmeticException overflow) {
			// The total is an int on the wire; refusing the addition keeps it correct.
			logger.warn("[{}] +{} points refused: the total of {} would overflow", this.userId, amount, account.total());
			return true;
		}
	}

	@Override
	public LoyaltyAccountState onEvent(LoyaltyAccountState account, PointsAdded added) {
		return account.apply(added, LoyaltyMessages.REMEMBERED_KEYS);
	}

	@Override
	public ActorRef<?> replyTo(LoyaltyCommand command) {
		if (command instanceof AddPointsAndConfirm add) {
			return add.replyTo();
		}
		return (command instanceof GetPoints get) ? get.replyTo() : null;
	}

}
