package io.casty.client;

import io.casty.actor.NodeAddress;
import io.casty.topology.TopologySnapshot;
import java.time.Duration;
import java.util.Optional;

/**
 * What a {@link ClusterClient} knows about its link to the cluster at one moment, read without
 * touching the network ({@link ClusterClient#state()}). Health checks and dashboards read this.
 */
public final class ClientState {

	/** Where the client is in its life. */
	public enum Status {

		/** Started, and no topology received yet. */
		CONNECTING,

		/** Subscribed at a contact point, with a topology fresher than the subscription timeout. */
		CONNECTED,

		/** Lost its contact point, or its topology went stale; trying other contact points. */
		RECONNECTING,

		/** Closed. */
		CLOSED

	}

	private final Status status;

	private final NodeAddress contactPoint;

	private final TopologySnapshot topology;

	private final Duration topologyAge;

	private final int bufferedMessages;

	private final int inFlightAsks;

	private final int connectedNodes;

	private final String lastError;

	ClientState(Status status, NodeAddress contactPoint, TopologySnapshot topology, Duration topologyAge,
			int bufferedMessages, int inFlightAsks, int connectedNodes, String lastError) {
		this.status = status;
		this.contactPoint = contactPoint;
		this.topology = topology;
		this.topologyAge = topologyAge;
		this.bufferedMessages = bufferedMessages;
		this.inFlightAsks = inFlightAsks;
		this.connectedNodes = connectedNodes;
		this.lastError = lastError;
	}

	public Status status() {
		return status;
	}

	/** Whether the client is subscribed with a fresh topology. */
	public boolean isConnected() {
		return status == Status.CONNECTED;
	}

	/** The node the client is subscribed at, while it is. */
	public Optional<NodeAddress> contactPoint() {
		return Optional.ofNullable(contactPoint);
	}

	/** The latest topology received, if any. */
	public Optional<TopologySnapshot> topology() {
		return Optional.ofNullable(topology);
	}

	/** How long ago the latest topology (or topology heartbeat) arrived, if any did. */
	public Optional<Duration> topologyAge() {
		return Optional.ofNullable(topologyAge);
	}

	/** Messages waiting for their shard's owner to be known. */
	public int bufferedMessages() {
		return bufferedMessages;
	}

	/**
	 * Asks waiting for their replies; new asks are refused while this is at {@code maxInFlightAsks}
	 * ({@link ClusterClient.Builder#DEFAULT_MAX_IN_FLIGHT_ASKS}).
	 */
	public int inFlightAsks() {
		return inFlightAsks;
	}

	/** Nodes the client has an open connection to. */
	public int connectedNodes() {
		return connectedNodes;
	}

	/** The last connection error, if there was one since the last successful subscription. */
	public Optional<String> lastError() {
		return Optional.ofNullable(lastError);
	}

	@Override
	public String toString() {
		return "ClientState[" + status + ", contactPoint=" + contactPoint + ", topologyEpoch="
				+ (topology == null ? "none" : topology.epoch()) + ", topologyAge=" + topologyAge + ", buffered="
				+ bufferedMessages + ", inFlightAsks=" + inFlightAsks + ", connectedNodes=" + connectedNodes
				+ (lastError == null ? "" : ", lastError=" + lastError) + "]";
	}
}
