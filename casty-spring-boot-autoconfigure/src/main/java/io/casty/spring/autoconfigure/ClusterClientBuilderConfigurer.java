package io.casty.spring.autoconfigure;

import io.casty.client.ClusterClient;
import io.casty.spring.autoconfigure.CastyClientConnectionDetails.Node;
import java.time.Duration;

/**
 * Applies the connection details and the {@code casty.client.*} properties to a
 * {@link ClusterClient.Builder}. The client validates every value itself; a value it rejects is
 * reported under the property's name, so the user learns which line of their configuration to
 * change.
 */
final class ClusterClientBuilderConfigurer {

	private final CastyClientProperties properties;

	private final CastyClientConnectionDetails connectionDetails;

	private final PropertyValues values = new PropertyValues("client");

	ClusterClientBuilderConfigurer(CastyClientProperties properties, CastyClientConnectionDetails connectionDetails) {
		this.properties = properties;
		this.connectionDetails = connectionDetails;
	}

	ClusterClient.Builder configure(ClusterClient.Builder builder) {
		builder.systemName(this.connectionDetails.getSystemName());
		builder.contactPoints(this.connectionDetails.getContactPoints().stream().map(Node::hostPort).toList());
		CastyClientProperties properties = this.properties;
		PropertyValues values = this.values;
		values.apply("casty.client.message-classes", properties.getMessageClasses(), builder::registerMessages);
		properties.getEntities().forEach((shardType, entity) -> {
			if (entity.getMessageType() != null) {
				values.set("casty.client.entities." + shardType + ".message-type", entity.getMessageType().getName(),
						() -> builder.registerMessages(SealedMessageClasses.of(entity.getMessageType())));
			}
		});
		values.apply("casty.client.connect-timeout", properties.getConnectTimeout(), builder::connectTimeout);
		values.apply("casty.client.handshake-timeout", properties.getHandshakeTimeout(), builder::handshakeTimeout);
		values.apply("casty.client.ask-timeout", properties.getAskTimeout(), builder::askTimeout);
		values.apply("casty.client.ask-busy-wait", properties.getAskBusyWait(), builder::askBusyWait);
		values.apply("casty.client.subscription-timeout", properties.getSubscriptionTimeout(), builder::subscriptionTimeout);
		values.apply("casty.client.buffer-size", properties.getBufferSize(), builder::bufferSize);
		values.apply("casty.client.max-in-flight-asks", properties.getMaxInFlightAsks(), builder::maxInFlightAsks);
		values.apply("casty.client.max-frame-size", properties.getMaxFrameSize(),
				(size) -> builder.maxFrameSize(PropertyValues.intBytes(size)));
		String secret = properties.getClusterSecret();
		if (secret != null) {
			// The value stays out of the error report: it is a secret.
			values.set("casty.client.cluster-secret", "(" + secret.length() + " characters)",
					() -> builder.clusterSecret(secret));
		}
		Duration min = values.required("casty.client.reconnect-backoff.min", properties.getReconnectBackoff().getMin());
		Duration max = values.required("casty.client.reconnect-backoff.max", properties.getReconnectBackoff().getMax());
		values.set("casty.client.reconnect-backoff", "min " + min + ", max " + max,
				() -> builder.reconnectBackoff(min, max));
		return builder;
	}

}
