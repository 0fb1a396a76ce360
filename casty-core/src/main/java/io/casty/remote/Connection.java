package io.casty.remote;

import io.casty.actor.NodeAddress;

/**
 * The connection a message was queued on, as its sender sees it afterwards. A reply comes back
 * over the connection its request used, so once that connection is closed a sender waiting for
 * a reply knows none will come.
 */
public interface Connection {

	/** The peer at the other end. */
	NodeAddress peer();

	/**
	 * Closed for good: what was queued on it and not yet written was dropped, and nothing more
	 * arrives over it.
	 */
	boolean isClosed();

	/**
	 * Whether it completed its handshake at some point, so that messages queued on it may have
	 * been written; a connection that never did wrote nothing.
	 */
	boolean wasEstablished();
}
