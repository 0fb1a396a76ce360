package io.casty.client;

import io.casty.actor.NodeAddress;
import io.casty.remote.TransportSettings;
import io.casty.serialization.MessageRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;
import java.util.List;

/** What a {@link ClusterClient.Builder} collected, validated and frozen. */
record ClientSettings(String systemName, List<NodeAddress> contactPoints, MessageRegistry registry,
		TransportSettings transport, Duration askTimeout, Duration askBusyWait, int bufferSize, int maxInFlightAsks,
		Duration reconnectBackoffMin, Duration reconnectBackoffMax, Duration subscriptionTimeout, List<ClusterClientListener> listeners,
		ObservationRegistry observationRegistry) {
}
