package io.casty.client;

import io.casty.CastyException;

/**
 * A message for a shard whose owner is not known yet could not be buffered: the client's
 * buffer is full. Raise {@code bufferSize}, or slow down while the cluster is unreachable.
 */
public class ClientBufferFullException extends CastyException {

	public ClientBufferFullException(String message) {
		super(message);
	}
}
