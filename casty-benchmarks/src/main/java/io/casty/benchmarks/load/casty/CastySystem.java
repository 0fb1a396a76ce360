package io.casty.benchmarks.load.casty;

import io.casty.benchmarks.load.LoadSettings;
import io.casty.benchmarks.load.SystemUnderTest;
import io.casty.benchmarks.load.Target;
import io.casty.benchmarks.points.PointsAccount;
import io.casty.client.ClusterClient;
import io.casty.cluster.ClusteredActorSystem;
import io.casty.cluster.EntityType;
import java.time.Duration;

/**
 * Casty as a user runs it: a one-node cluster hosting {@link PointsAccount} entities with
 * default settings, reached by a {@link ClusterClient} with default settings.
 */
public final class CastySystem implements SystemUnderTest {

	public static final String NAME = "casty";

	static final String CLUSTER = "bench";

	private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public AutoCloseable serve(String host, int port, LoadSettings settings) {
		ClusteredActorSystem node = ClusteredActorSystem.builder(CLUSTER)
			.host(host)
			.port(port)
			.nodeId("node-1")
			.registerMessages(PointsAccount.MESSAGES)
			// The harness stops the node when the run is over; there is nobody to hand shards to.
			.leaveOnShutdown(false)
			.start();
		node.shardRegion(EntityType.of(PointsAccount.SHARD_TYPE, PointsAccount.NUM_SHARDS, PointsAccount::create));
		node.awaitAllocations(STARTUP_TIMEOUT);
		return node;
	}

	@Override
	public Target connect(String host, int port, LoadSettings settings) {
		ClusterClient client = ClusterClient.builder()
			.systemName(CLUSTER)
			.contactPoints(host + ":" + port)
			.registerMessages(PointsAccount.MESSAGES)
			.askTimeout(settings.askTimeout())
			.build();
		client.awaitTopology(STARTUP_TIMEOUT);
		return new CastyTarget(client, settings.entities());
	}
}
