package io.casty.benchmarks.load.casty;

import io.casty.benchmarks.load.LoadSettings;
import io.casty.benchmarks.load.SystemUnderTest;
import io.casty.benchmarks.load.Target;
import io.casty.benchmarks.points.PointsAccount;
import io.casty.client.ClusterClient;
import io.casty.cluster.ClusteredActorSystem;
import io.casty.cluster.EntityType;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Casty as a user runs it: a one-node cluster hosting {@link PointsAccount} entities with
 * default settings, reached by a {@link ClusterClient} with default settings ({@link #DEFAULTS})
 * or with one opt-in setting ({@link #BUSY_WAITING}). The memory and scale run builds its
 * nodes and clients from the same {@link #node} and {@link #client}.
 */
public final class CastySystem implements SystemUnderTest {

	public static final String NAME = "casty";

	static final String CLUSTER = "bench";

	/** How long a node may take to allocate its shards, and a client to get its first topology. */
	public static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

	/** How long a blocked caller spins in {@link #BUSY_WAITING}: longer than a round trip here. */
	public static final Duration BUSY_WAIT = Duration.of(100, ChronoUnit.MICROS);

	/** Casty with every default. */
	public static final CastySystem DEFAULTS = new CastySystem(NAME, UnaryOperator.identity());

	/**
	 * Casty whose client has {@link ClusterClient.Builder#askBusyWait askBusyWait} on: only a
	 * blocked caller (the sequential workload) waits differently.
	 */
	public static final CastySystem BUSY_WAITING = new CastySystem(NAME + "-busy-wait",
			builder -> builder.askBusyWait(BUSY_WAIT));

	private final String name;

	private final UnaryOperator<ClusterClient.Builder> clientOptions;

	private CastySystem(String name, UnaryOperator<ClusterClient.Builder> clientOptions) {
		this.name = name;
		this.clientOptions = clientOptions;
	}

	@Override
	public String name() {
		return name;
	}

	@Override
	public AutoCloseable serve(String host, int port, LoadSettings settings) {
		ClusteredActorSystem node = node(host, port, "node-1").start();
		node.shardRegion(EntityType.of(PointsAccount.SHARD_TYPE, PointsAccount.NUM_SHARDS, PointsAccount::create));
		node.awaitAllocations(STARTUP_TIMEOUT);
		return node;
	}

	@Override
	public Target connect(String host, int port, LoadSettings settings) {
		ClusterClient client = clientOptions.apply(client(List.of(host + ":" + port), settings.askTimeout())).build();
		client.awaitTopology(STARTUP_TIMEOUT);
		return target(client, settings.entities(), PointsAccount.NUM_SHARDS);
	}

	/**
	 * A node of the benchmark cluster, defaults otherwise, that takes {@link PointsAccount}'s
	 * messages; the caller adds what its run needs and starts it.
	 */
	public static ClusteredActorSystem.Builder node(String host, int port, String nodeId) {
		return ClusteredActorSystem.builder(CLUSTER)
			.host(host)
			.port(port)
			.nodeId(nodeId)
			.registerMessages(PointsAccount.MESSAGES)
			// The harness stops the node when the run is over; there is nobody to hand shards to.
			.leaveOnShutdown(false);
	}

	/**
	 * A client of the benchmark cluster, defaults otherwise, that takes {@link PointsAccount}'s
	 * messages; the caller adds what its run needs and builds it.
	 *
	 * @param contactPoints the nodes, as {@code host:port}
	 */
	public static ClusterClient.Builder client(List<String> contactPoints, Duration askTimeout) {
		return ClusterClient.builder()
			.systemName(CLUSTER)
			.contactPoints(contactPoints)
			.registerMessages(PointsAccount.MESSAGES)
			.askTimeout(askTimeout);
	}

	/**
	 * Drives {@link PointsAccount} entities {@code 0} to {@code entities - 1} of a type with
	 * {@code numShards} shards through {@code client}, which the target closes.
	 */
	public static Target target(ClusterClient client, int entities, int numShards) {
		return new CastyTarget(client, entities, numShards);
	}
}
