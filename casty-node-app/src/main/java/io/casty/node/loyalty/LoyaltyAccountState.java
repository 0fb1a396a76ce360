package io.casty.node.loyalty;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * What a loyalty account knows: its total, and the totals its most recent idempotency keys
 * answered, so that a retried addition is recognised (the oldest key is forgotten once there are
 * {@code rememberedKeys}). Mutable, and only ever touched on the account's thread; it is the
 * snapshot the journal stores.
 */
public final class LoyaltyAccountState {

	private int total;

	private final LinkedHashMap<String, Integer> totalsByKey = new LinkedHashMap<>();

	public int total() {
		return this.total;
	}

	/** The total the addition with this key answered, if the account still remembers it. */
	OptionalInt totalAfter(String idempotencyKey) {
		Integer remembered = (idempotencyKey != null) ? this.totalsByKey.get(idempotencyKey) : null;
		return (remembered != null) ? OptionalInt.of(remembered) : OptionalInt.empty();
	}

	LoyaltyAccountState apply(PointsAdded added, int rememberedKeys) {
		this.total += added.amount();
		if (added.idempotencyKey() != null) {
			this.totalsByKey.put(added.idempotencyKey(), this.total);
			if (this.totalsByKey.size() > rememberedKeys) {
				Map.Entry<String, Integer> oldest = this.totalsByKey.entrySet().iterator().next();
				this.totalsByKey.remove(oldest.getKey());
			}
		}
		return this;
	}

	int rememberedKeyCount() {
		return this.totalsByKey.size();
	}

}
