package io.casty.remote;

import io.casty.actor.ActorSystem;
import io.casty.actor.NodeAddress;
import io.casty.logging.RateLimitedWarnings;

/**
 * What the handlers of a transport's connections share: its settings, the actor system whose
 * address they declare and to whose actors they deliver, the codec of message frames, the
 * registry they report each connection's handshake, failure and close to, and the rate-limited
 * warnings about connections.
 */
record TransportContext(TransportSettings settings, ActorSystem system, MessageCodec codec,
		Associations associations, RateLimitedWarnings connectionWarnings) {

	/** This side's address, as declared in handshakes. */
	NodeAddress self() {
		return system.address();
	}
}
