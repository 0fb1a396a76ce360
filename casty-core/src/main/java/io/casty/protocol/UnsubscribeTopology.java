package io.casty.protocol;

import io.casty.actor.ActorRef;
import io.casty.topology.TopologySnapshot;
import java.util.Objects;

/** Internal: stops the pushes started by {@link SubscribeTopology}. Sent to {@link ProtocolPaths#TOPOLOGY}. */
public record UnsubscribeTopology(ActorRef<TopologySnapshot> subscriber) {

	public UnsubscribeTopology {
		Objects.requireNonNull(subscriber, "subscriber");
	}
}
