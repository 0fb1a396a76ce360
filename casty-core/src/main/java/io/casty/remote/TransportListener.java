package io.casty.remote;

import io.casty.actor.NodeAddress;

/** Told when connections to peers come and go. Called on network threads: return quickly. */
public interface TransportListener {

	/** A connection to {@code peer} completed its handshake. */
	default void associated(NodeAddress peer) {
	}

	/**
	 * The connection to {@code peer} closed or could not be opened; messages queued for it were
	 * dropped.
	 *
	 * @param cause why, or {@code null} for an orderly close
	 */
	default void disassociated(NodeAddress peer, Throwable cause) {
	}
}
