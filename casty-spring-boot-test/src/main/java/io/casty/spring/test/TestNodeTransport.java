package io.casty.spring.test;

import io.casty.InvalidCastyPropertyException;
import io.casty.remote.TransportSettings;
import io.casty.spring.autoconfigure.CastyClientProperties;

/**
 * The test node's transport settings, from the client's: the same cluster secret and frame size,
 * or the client could not talk to it. A value the transport rejects is reported under the
 * client's property, because the node is created before the client would report it.
 */
final class TestNodeTransport {

	private TestNodeTransport() {
	}

	static TransportSettings of(CastyClientProperties client) {
		TransportSettings.Builder transport = TransportSettings.builder();
		if (client.getMaxFrameSize() != null) {
			long bytes = client.getMaxFrameSize().toBytes();
			set("casty.client.max-frame-size", client.getMaxFrameSize(), () -> transport.maxFrameSize(toInt(bytes)));
		}
		String secret = client.getClusterSecret();
		if (secret != null) {
			// The value stays out of the error report: it is a secret.
			set("casty.client.cluster-secret", "(" + secret.length() + " characters)",
					() -> transport.clusterSecret(secret));
		}
		return transport.build();
	}

	private static int toInt(long bytes) {
		if (bytes > Integer.MAX_VALUE) {
			throw new IllegalArgumentException("maxFrameSize : " + bytes + " (expected: <= " + Integer.MAX_VALUE + ")");
		}
		return (int) bytes;
	}

	private static void set(String property, Object value, Runnable setter) {
		try {
			setter.run();
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidCastyPropertyException(property,
					property + " is '" + value + "', which the Casty test node rejects: " + ex.getMessage() + ".",
					"Change " + property + " to a value the client and the nodes accept, or remove it to use the "
							+ "default.",
					ex);
		}
	}

}
