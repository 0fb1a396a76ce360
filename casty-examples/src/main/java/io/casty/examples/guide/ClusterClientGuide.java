package io.casty.examples.guide;

import io.casty.client.ClusterClient;
import io.casty.client.EntityRef;
import io.casty.cluster.ClusteredActorSystem;
import io.casty.cluster.EntityType;
import io.casty.examples.guide.LoyaltyEntity.AddPoints;
import io.casty.examples.guide.LoyaltyEntity.Command;
import io.casty.examples.guide.LoyaltyEntity.GetPoints;
import io.casty.sharding.ShardEnvelope;
import java.time.Duration;
import java.util.List;

/**
 * The "Client + Cluster" guide, in Java: start a single-node cluster, connect a
 * {@link ClusterClient} to it from outside, tell, then ask.
 *
 * <p>Run it with {@code java -jar casty-examples/target/casty-examples-*.jar}. It prints the
 * guide's output on stdout; logs go to stderr.
 */
public final class ClusterClientGuide {

	private static final String SYSTEM_NAME = "loyalty-cluster";

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private ClusterClientGuide() {
	}

	/**
	 * Asks an account for its total. An entity handles its messages in order, so the answer
	 * also means every point told to it before was applied.
	 */
	private static int pointsOf(ClusterClient client, EntityRef<Command> loyalty, String user) {
		return client.<Command, Integer>ask(loyalty, replyTo -> new ShardEnvelope<>(user, new GetPoints(replyTo)),
				TIMEOUT)
			.join();
	}

	public static void main(String[] args) {
		// Starting the cluster: one node hosting the sharded "loyalty" entity type.
		try (ClusteredActorSystem node = ClusteredActorSystem.builder(SYSTEM_NAME)
			.host("127.0.0.1")
			.port(25530)
			.nodeId("node-1")
			.registerMessages(AddPoints.class, GetPoints.class)
			.start()) {
			node.shardRegion(EntityType.of(LoyaltyEntity.SHARD_TYPE, LoyaltyEntity.NUM_SHARDS, LoyaltyEntity::create));
			node.awaitMembers(1, TIMEOUT);
			node.awaitAllocations(TIMEOUT);
			System.out.println("── Cluster running ──");

			// Connecting from outside: a client that subscribes to the topology and routes to owners.
			try (ClusterClient client = ClusterClient.builder()
				.systemName(SYSTEM_NAME)
				.contactPoints("127.0.0.1:25530")
				.registerMessages(AddPoints.class, GetPoints.class)
				.build()) {
				EntityRef<Command> loyalty = client.entityRef(LoyaltyEntity.SHARD_TYPE, LoyaltyEntity.NUM_SHARDS);

				// Fire and forget. Two entities run concurrently, so their lines could interleave in
				// any order; waiting until user-1 has applied its points before telling user-2 makes
				// the transcript the same on every run.
				System.out.println();
				System.out.println("── Sending points ──");
				loyalty.tell(new ShardEnvelope<>("user-1", new AddPoints(100)));
				loyalty.tell(new ShardEnvelope<>("user-1", new AddPoints(50)));
				pointsOf(client, loyalty, "user-1");
				loyalty.tell(new ShardEnvelope<>("user-2", new AddPoints(200)));
				pointsOf(client, loyalty, "user-2");

				// Request-reply: each ask carries a temporary reply address, and the reply comes back
				// over the client's own connection.
				System.out.println();
				System.out.println("── Querying points ──");
				for (String user : List.of("user-1", "user-2")) {
					System.out.println("  " + user + ": " + pointsOf(client, loyalty, user) + " points");
				}
			}
		}
	}
}
