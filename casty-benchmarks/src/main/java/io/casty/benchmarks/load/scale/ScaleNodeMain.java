package io.casty.benchmarks.load.scale;

import io.casty.benchmarks.load.NodeMain;
import io.casty.benchmarks.load.casty.CastySystem;
import io.casty.benchmarks.points.PointsAccount;
import io.casty.cluster.ClusteredActorSystem;
import io.casty.cluster.EntityType;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * A node JVM of the memory and scale run: a Casty node hosting {@link PointsAccount} entities
 * with the given number of shards, and the run's {@link NodeProbe} and {@link HeldReplies};
 * every entity stays running (no passivation). Prints {@value NodeMain#READY} once it is an up
 * member with every shard allocated, and, when the harness stops it,
 * {@code FORWARDED <count>}: the envelopes it passed on because they reached it rather than
 * their shard's owner.
 *
 * <p>Arguments: {@code <host> <port> <node id> <shards> [<seed host:port>,...]}; a node without
 * seeds founds the cluster.
 */
public final class ScaleNodeMain {

	/** Starts the line a node prints last. */
	static final String FORWARDED = "FORWARDED";

	private ScaleNodeMain() {
	}

	public static void main(String[] args) throws Exception {
		List<String> seeds = args.length > 4 ? Arrays.asList(args[4].split(",")) : List.of();
		ClusteredActorSystem node = start(args[0], Integer.parseInt(args[1]), args[2], Integer.parseInt(args[3]), seeds);
		NodeMain.serveUntilInputCloses(() -> {
			System.out.println(FORWARDED + " " + node.forwardedMessages());
			System.out.flush();
			node.close();
		});
	}

	/**
	 * Starts the node and returns once it is an up member with every shard allocated.
	 *
	 * @param seeds the {@code host:port} of nodes to join through; none to found the cluster
	 */
	static ClusteredActorSystem start(String host, int port, String nodeId, int shards, List<String> seeds) {
		ClusteredActorSystem node = CastySystem.node(host, port, nodeId)
			.registerMessages(NodeProbe.MESSAGES)
			.registerMessages(HeldReplies.MESSAGES)
			.seedNodes(seeds)
			// The memory figure is of running entities: none may stop for being idle.
			.passivateIdleAfter(Duration.ZERO)
			// A joining node takes its share of the shards at once: they have no entities yet.
			.maxSimultaneousRebalance(shards)
			.start();
		node.shardRegion(EntityType.of(PointsAccount.SHARD_TYPE, shards, PointsAccount::create));
		node.shardRegion(NodeProbe.entityType(node));
		node.shardRegion(HeldReplies.entityType());
		node.awaitUp(CastySystem.STARTUP_TIMEOUT);
		node.awaitAllocations(CastySystem.STARTUP_TIMEOUT);
		return node;
	}
}
