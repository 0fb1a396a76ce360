package io.casty.cluster.sharding;

import io.casty.actor.NodeAddress;
import java.util.Objects;

/**
 * Internal: a shard on its way from one member to another: {@code from} stops the shard's
 * entities and reports; only then does the leader make {@code to} the owner.
 */
public record HandOff(NodeAddress from, NodeAddress to) {

	public HandOff {
		Objects.requireNonNull(from, "from");
		Objects.requireNonNull(to, "to");
	}
}
