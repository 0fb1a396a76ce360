package io.casty.sample.loyalty;

import java.util.List;

/**
 * The loyalty entity type as node and clients must both see it: its shard type, its number of
 * shards and the message classes allowed on the wire.
 */
public final class LoyaltyMessages {

	/** The entity type's name, which clients address. */
	public static final String SHARD_TYPE = "loyalty";

	/** How many shards the loyalty accounts are spread over; nodes and clients must agree. */
	public static final int NUM_SHARDS = 10;

	/** Every class of the loyalty protocol, to register on nodes and clients alike. */
	public static final List<Class<?>> CLASSES = List.of(AddPoints.class, AddPointsAndConfirm.class, GetPoints.class,
			PointsConfirmation.class, PointsConfirmation.Outcome.class);

	/** How many idempotency keys an account remembers: the most recent ones. */
	public static final int REMEMBERED_KEYS = 1_000;

	private LoyaltyMessages() {
	}

}
