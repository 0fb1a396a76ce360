package io.casty.client;

import io.casty.CastyException;

/**
 * An ask was refused at once, without being sent: the client already had
 * {@code maxInFlightAsks} asks waiting for their replies (see
 * {@link ClusterClient.Builder#DEFAULT_MAX_IN_FLIGHT_ASKS}). Slow down until replies come back,
 * or raise {@code maxInFlightAsks} ({@code casty.client.max-in-flight-asks} in Spring Boot) if
 * the cluster can take more.
 */
public class AskLimitExceededException extends CastyException {

	public AskLimitExceededException(String message) {
		super(message);
	}
}
