package io.casty.benchmarks.load.pekko;

import io.casty.benchmarks.load.LoadSettings;
import io.casty.benchmarks.load.SystemUnderTest;
import io.casty.benchmarks.load.Target;
import io.casty.benchmarks.points.PointsAccount;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.ActorPaths;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.Props;
import org.apache.pekko.cluster.Cluster;
import org.apache.pekko.cluster.client.ClusterClient;
import org.apache.pekko.cluster.client.ClusterClientReceptionist;
import org.apache.pekko.cluster.client.ClusterClientSettings;
import org.apache.pekko.cluster.sharding.ClusterSharding;
import org.apache.pekko.cluster.sharding.ClusterShardingSettings;
import org.apache.pekko.cluster.sharding.ShardRegion;

/**
 * Apache Pekko 1.x: a one-node cluster running the accounts with classic cluster sharding, its
 * region registered with the {@code ClusterClientReceptionist}; the client is a
 * {@code pekko-cluster-tools} {@link ClusterClient} in a remote-only actor system, which is how
 * code outside a Pekko cluster reaches sharded entities.
 */
@SuppressWarnings("deprecation") // ClusterClient: deprecated in favour of Pekko gRPC, still the cluster-tools way in.
public final class PekkoSystem implements SystemUnderTest {

	public static final String NAME = "pekko";

	static final String REGION_PATH = "/system/sharding/" + PointsAccount.SHARD_TYPE;

	private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public AutoCloseable serve(String host, int port, LoadSettings settings) throws Exception {
		ActorSystem system = ActorSystem.create(PekkoConfig.SYSTEM, PekkoConfig.node(host, port, settings));
		CountDownLatch up = new CountDownLatch(1);
		Cluster.get(system).registerOnMemberUp(up::countDown);
		if (!up.await(STARTUP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
			system.terminate();
			throw new TimeoutException("the Pekko node was not up within " + STARTUP_TIMEOUT.toSeconds() + " s");
		}
		ActorRef region = ClusterSharding.get(system).start(PointsAccount.SHARD_TYPE, Props.create(PointsActor.class),
				ClusterShardingSettings.create(system), new EntityIdExtractor());
		ClusterClientReceptionist.get(system).registerService(region);
		return system::terminate;
	}

	@Override
	public Target connect(String host, int port, LoadSettings settings) {
		ActorSystem system = ActorSystem.create(PekkoConfig.SYSTEM + "-client", PekkoConfig.client(host, settings));
		String receptionist = "pekko://" + PekkoConfig.SYSTEM + "@" + host + ":" + port + "/system/receptionist";
		ActorRef client = system.actorOf(ClusterClient.props(ClusterClientSettings.create(system)
			.withInitialContacts(Set.of(ActorPaths.fromString(receptionist)))), "client");
		return new PekkoTarget(system, client, settings);
	}

	/** Classic sharding's routing: the entity id the message carries, hashed to one of the shards. */
	private static final class EntityIdExtractor extends ShardRegion.HashCodeMessageExtractor {

		EntityIdExtractor() {
			super(PointsAccount.NUM_SHARDS);
		}

		@Override
		public String entityId(Object message) {
			return message instanceof PointsProtocol.Message points ? points.entityId() : null;
		}
	}
}
