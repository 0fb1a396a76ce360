package io.casty.spring.test;

import io.casty.remote.TransportSettings;
import io.casty.spring.autoconfigure.CastyClientProperties;
import io.casty.spring.autoconfigure.PropertyValues;

/**
 * The test node's transport settings, from the client's: the same cluster secret and frame size,
 * or the client could not talk to it. A value the transport rejects is reported under the
 * client's property, because the node is created before the client would report it.
 */
final class TestNodeTransport {

	private TestNodeTransport() {
	}

	static TransportSettings of(CastyClientProperties client) {
		PropertyValues values = new PropertyValues("Casty test node");
		TransportSettings.Builder transport = TransportSettings.builder();
		if (client.getMaxFrameSize() != null) {
			values.set("casty.client.max-frame-size", client.getMaxFrameSize(),
					() -> transport.maxFrameSize(PropertyValues.intBytes(client.getMaxFrameSize())));
		}
		String secret = client.getClusterSecret();
		if (secret != null) {
			// The value stays out of the error report: it is a secret.
			values.set("casty.client.cluster-secret", "(" + secret.length() + " characters)",
					() -> transport.clusterSecret(secret));
		}
		return transport.build();
	}

}
