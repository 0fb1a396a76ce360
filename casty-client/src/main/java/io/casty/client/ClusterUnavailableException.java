package io.casty.client;

import io.casty.CastyException;

/**
 * A message could not be sent because the client has no usable route to the cluster: no
 * contact point answered, or the shard's owner is not known.
 */
public class ClusterUnavailableException extends CastyException {

	public ClusterUnavailableException(String message) {
		super(message);
	}
}
