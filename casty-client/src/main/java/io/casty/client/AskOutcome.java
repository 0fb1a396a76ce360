package io.casty.client;

/** How an ask ended, for metrics. */
public enum AskOutcome {

	/** The reply arrived. */
	SUCCESS,

	/** The entity answered with a failure ({@link io.casty.EntityFailedException}). */
	FAILED,

	/** Sent, but no reply within the timeout ({@link AskTimeoutException}). */
	TIMEOUT,

	/**
	 * Sent, but the connection it went out on closed before the reply came
	 * ({@link ReplyLostException}).
	 */
	LOST,

	/** Could not be sent in time, or the client closed ({@link ClusterUnavailableException}). */
	UNAVAILABLE,

	/**
	 * Refused at once and never sent: the client already had {@code maxInFlightAsks} asks in
	 * flight ({@link AskLimitExceededException}).
	 */
	REJECTED,

	/** Could not be encoded, or another error. */
	ERROR

}
