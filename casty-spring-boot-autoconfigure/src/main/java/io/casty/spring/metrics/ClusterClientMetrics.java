package io.casty.spring.metrics;

import io.casty.client.AskOutcome;
import io.casty.client.ClientState;
import io.casty.client.ClusterClientListener;
import io.casty.topology.TopologySnapshot;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter.MeterProvider;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Records what a {@link io.casty.client.ClusterClient} does as Micrometer meters; register it
 * with {@link io.casty.client.ClusterClient.Builder#listener}:
 * <ul>
 * <li>{@code casty.client.ask}: timer of asks, tagged {@code shard.type} and {@code outcome}
 * ({@code success}, {@code timeout}, {@code unavailable}, {@code rejected}, {@code error}; a
 * rejected ask was refused unsent because the client already had {@code maxInFlightAsks} asks
 * in flight);</li>
 * <li>{@code casty.client.tells}: counter of tells, tagged {@code shard.type};</li>
 * <li>{@code casty.client.topology.updates}: counter of topology changes received (heartbeats
 * that repeat the current epoch are not counted);</li>
 * <li>{@code casty.client.reconnects}: counter of the times the client lost the cluster and
 * started reconnecting.</li>
 * </ul>
 * {@link ClusterClientGauges} adds the gauges that need the client itself.
 */
public class ClusterClientMetrics implements ClusterClientListener {

	private final MeterProvider<Timer> asks;

	private final MeterProvider<Counter> tells;

	private final Counter topologyUpdates;

	private final Counter reconnects;

	private final AtomicLong lastEpoch = new AtomicLong(Long.MIN_VALUE);

	/**
	 * Creates the meters in a registry.
	 * @param registry where the meters live
	 */
	public ClusterClientMetrics(MeterRegistry registry) {
		this.asks = Timer.builder("casty.client.ask")
			.description("Asks sent to the cluster and how they ended")
			.withRegistry(registry);
		this.tells = Counter.builder("casty.client.tells")
			.description("Tells sent to the cluster")
			.withRegistry(registry);
		this.topologyUpdates = Counter.builder("casty.client.topology.updates")
			.description("Topology changes received from the cluster")
			.register(registry);
		this.reconnects = Counter.builder("casty.client.reconnects")
			.description("Times the client lost the cluster and started reconnecting")
			.register(registry);
	}

	@Override
	public void askCompleted(String shardType, Duration latency, AskOutcome outcome) {
		this.asks.withTags("shard.type", shardType, "outcome", outcome.name().toLowerCase(Locale.ROOT)).record(latency);
	}

	@Override
	public void tellSent(String shardType) {
		this.tells.withTags("shard.type", shardType).increment();
	}

	@Override
	public void topologyUpdated(TopologySnapshot snapshot) {
		if (this.lastEpoch.getAndSet(snapshot.epoch()) != snapshot.epoch()) {
			this.topologyUpdates.increment();
		}
	}

	@Override
	public void stateChanged(ClientState state) {
		if (state.status() == ClientState.Status.RECONNECTING) {
			this.reconnects.increment();
		}
	}

}
