package io.casty.spring.metrics;

import io.casty.client.ClusterClient;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Objects;

/**
 * Gauges read from a {@link ClusterClient}'s cached {@link ClusterClient#state() state}:
 * {@code casty.client.buffered.messages} (messages waiting for their shard's owner) and
 * {@code casty.client.connected.nodes} (nodes the client has a connection to). Unlike
 * {@link ClusterClientMetrics}, these need the built client, so they are bound separately.
 */
public class ClusterClientGauges implements MeterBinder {

	private final ClusterClient client;

	/**
	 * Creates the gauges' binder.
	 * @param client the client to read
	 */
	public ClusterClientGauges(ClusterClient client) {
		this.client = Objects.requireNonNull(client, "client");
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder("casty.client.buffered.messages", this.client, (client) -> client.state().bufferedMessages())
			.description("Messages waiting for their shard's owner to be known")
			.strongReference(true)
			.register(registry);
		Gauge.builder("casty.client.connected.nodes", this.client, (client) -> client.state().connectedNodes())
			.description("Cluster nodes the client has a connection to")
			.strongReference(true)
			.register(registry);
	}

}
