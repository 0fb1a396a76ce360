package io.casty.sample.loyalty;

/**
 * What a loyalty account (one entity per user, of shard type {@link LoyaltyMessages#SHARD_TYPE})
 * accepts.
 */
public sealed interface LoyaltyCommand permits AddPoints, AddPointsAndConfirm, GetPoints {

}
