package io.casty.protocol;

import io.casty.actor.ActorRef;
import io.casty.topology.TopologySnapshot;
import java.util.Objects;

/**
 * Internal: asks a node to push a {@link TopologySnapshot} to {@code subscriber} now and on
 * every change, until it unsubscribes or its connection closes. Sent to
 * {@link ProtocolPaths#TOPOLOGY}.
 */
public record SubscribeTopology(ActorRef<TopologySnapshot> subscriber) {

	public SubscribeTopology {
		Objects.requireNonNull(subscriber, "subscriber");
	}
}
