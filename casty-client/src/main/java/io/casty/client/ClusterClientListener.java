package io.casty.client;

import io.casty.topology.TopologySnapshot;
import java.time.Duration;

/**
 * Told what a {@link ClusterClient} does, for metrics and logs. Register with
 * {@link ClusterClient.Builder#listener}. Methods run on the client's network, timer or caller
 * threads: they must be quick and must not block. A listener that throws is logged and ignored.
 */
public interface ClusterClientListener {

	/** The client's status or contact point changed. */
	default void stateChanged(ClientState state) {
	}

	/** A topology snapshot (or topology heartbeat) arrived. */
	default void topologyUpdated(TopologySnapshot snapshot) {
	}

	/** A tell left for the cluster (or its buffer). */
	default void tellSent(String shardType) {
	}

	/** An ask ended, or was refused at once ({@link AskOutcome#REJECTED}). */
	default void askCompleted(String shardType, Duration latency, AskOutcome outcome) {
	}
}
