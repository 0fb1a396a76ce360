package io.casty.node.loyalty;

/**
 * The event of a loyalty account: points were added. Stored in the journal for as long as the
 * account exists, so its shape never changes (see docs/persistence.md, "Evolving events"): a new field
 * means a new event class, handled beside this one.
 *
 * @param amount the points added
 * @param idempotencyKey the key of the addition, or {@code null} when it had none
 */
public record PointsAdded(int amount, String idempotencyKey) {

}
