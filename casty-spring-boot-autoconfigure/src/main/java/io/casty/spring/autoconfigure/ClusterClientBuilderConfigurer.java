package io.casty.spring.autoconfigure;

import io.casty.InvalidCastyPropertyException;
import io.casty.client.ClusterClient;
import io.casty.spring.autoconfigure.CastyClientConnectionDetails.Node;
import java.time.Duration;
import java.util.function.Consumer;
import org.springframework.util.unit.DataSize;

/**
 * Applies the connection details and the {@code casty.client.*} properties to a
 * {@link ClusterClient.Builder}. The client validates every value itself; a value it rejects is
 * reported under the property's name, so the user learns which line of their configuration to
 * change.
 */
final class ClusterClientBuilderConfigurer {

	private final CastyClientProperties properties;

	private final CastyClientConnectionDetails connectionDetails;

	ClusterClientBuilderConfigurer(CastyClientProperties properties, CastyClientConnectionDetails connectionDetails) {
		this.properties = properties;
		this.connectionDetails = connectionDetails;
	}

	ClusterClient.Builder configure(ClusterClient.Builder builder) {
		builder.systemName(this.connectionDetails.getSystemName());
		builder.contactPoints(this.connectionDetails.getContactPoints().stream().map(Node::hostPort).toList());
		CastyClientProperties properties = this.properties;
		apply("casty.client.message-classes", properties.getMessageClasses(), builder::registerMessages);
		properties.getEntities().forEach((shardType, entity) -> {
			if (entity.getMessageType() != null) {
				set("casty.client.entities." + shardType + ".message-type", entity.getMessageType().getName(),
						() -> builder.registerMessages(SealedMessageClasses.of(entity.getMessageType())));
			}
		});
		apply("casty.client.connect-timeout", properties.getConnectTimeout(), builder::connectTimeout);
		apply("casty.client.handshake-timeout", properties.getHandshakeTimeout(), builder::handshakeTimeout);
		apply("casty.client.ask-timeout", properties.getAskTimeout(), builder::askTimeout);
		apply("casty.client.ask-busy-wait", properties.getAskBusyWait(), builder::askBusyWait);
		apply("casty.client.subscription-timeout", properties.getSubscriptionTimeout(), builder::subscriptionTimeout);
		apply("casty.client.buffer-size", properties.getBufferSize(), builder::bufferSize);
		apply("casty.client.max-in-flight-asks", properties.getMaxInFlightAsks(), builder::maxInFlightAsks);
		apply("casty.client.max-frame-size", properties.getMaxFrameSize(),
				(size) -> builder.maxFrameSize(toIntBytes(size)));
		String secret = properties.getClusterSecret();
		if (secret != null) {
			// The value stays out of the error report: it is a secret.
			set("casty.client.cluster-secret", "(" + secret.length() + " characters)", () -> builder.clusterSecret(secret));
		}
		Duration min = required("casty.client.reconnect-backoff.min", properties.getReconnectBackoff().getMin());
		Duration max = required("casty.client.reconnect-backoff.max", properties.getReconnectBackoff().getMax());
		set("casty.client.reconnect-backoff", "min " + min + ", max " + max, () -> builder.reconnectBackoff(min, max));
		return builder;
	}

	private static int toIntBytes(DataSize size) {
		if (size.toBytes() > Integer.MAX_VALUE) {
			throw new IllegalArgumentException(
					"maxFrameSize : " + size.toBytes() + " (expected: <= " + Integer.MAX_VALUE + ")");
		}
		return (int) size.toBytes();
	}

	private static <T> void apply(String property, T value, Consumer<T> setter) {
		required(property, value);
		set(property, value, () -> setter.accept(value));
	}

	private static <T> T required(String property, T value) {
		if (value == null) {
			throw new InvalidCastyPropertyException(property, property + " is empty.",
					"Give " + property + " a value, or remove it to use the default.");
		}
		return value;
	}

	private static void set(String property, Object value, Runnable setter) {
		try {
			setter.run();
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidCastyPropertyException(property,
					property + " is '" + value + "', which the client rejects: " + ex.getMessage() + ".",
					"Change " + property + " to a value the client accepts, or remove it to use the default.", ex);
		}
	}

}
