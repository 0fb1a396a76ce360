package io.casty.cluster.sharding;

import io.casty.actor.ActorAddress;

/**
 * Internal: how a region reaches actors on other nodes: only over a connection that is already
 * open. A region keeps what it cannot send this way and tries again when a connection opens or its
 * view of the cluster changes; queued on a connection that never opens (a dead node's), it would be
 * lost.
 */
@FunctionalInterface
public interface OpenConnections {

	/**
	 * Queues {@code message} for {@code recipient} if a connection to its node is open, and
	 * starts opening one otherwise.
	 *
	 * @return whether the message was queued; when false, nothing was sent
	 * @throws io.casty.serialization.SerializationException when the message cannot be encoded
	 */
	boolean sendIfConnected(ActorAddress recipient, Object message);
}
