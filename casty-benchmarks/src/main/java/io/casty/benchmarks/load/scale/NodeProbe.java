package io.casty.benchmarks.load.scale;

import io.casty.actor.ActorRef;
import io.casty.actor.Behavior;
import io.casty.actor.Behaviors;
import io.casty.client.ClusterClient;
import io.casty.cluster.ClusteredActorSystem;
import io.casty.cluster.EntityType;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * An entity that reports on the node it runs on: how many entities of a type run there and how
 * much heap is in use. The memory run's client asks it, so that one JVM drives that run from
 * start to end; the probe has one shard, so with one node it always reports on that node.
 */
public final class NodeProbe {

	/** Asks for the node's {@link NodeStats}; a full collection first when {@code collectGarbage}. */
	public record Measure(String shardType, boolean collectGarbage, ActorRef<NodeStats> replyTo) {
	}

	/**
	 * @param runningEntities entities of the type asked about running on the node
	 * @param heapUsedBytes heap in use, after a full collection when one was asked for
	 */
	public record NodeStats(int runningEntities, long heapUsedBytes) {
	}

	public static final String SHARD_TYPE = "probe";

	/** The classes to register on nodes and clients. */
	public static final List<Class<?>> MESSAGES = List.of(Measure.class, NodeStats.class);

	private static final String ENTITY_ID = "probe";

	private NodeProbe() {
	}

	/** The probe's entity type, to host on {@code node}. */
	public static EntityType<Measure> entityType(ClusteredActorSystem node) {
		return EntityType.of(SHARD_TYPE, 1, entityId -> behavior(node));
	}

	/** Asks the probe, through {@code client}, about {@code shardType}. */
	public static CompletableFuture<NodeStats> measure(ClusterClient client, String shardType, boolean collectGarbage,
			Duration timeout) {
		return client.<Measure>entityRef(SHARD_TYPE, 1)
			.ask(ENTITY_ID, replyTo -> new Measure(shardType, collectGarbage, replyTo), timeout);
	}

	private static Behavior<Measure> behavior(ClusteredActorSystem node) {
		return Behaviors.receiveMessage(measure -> {
			int running = node.runningEntities(measure.shardType());
			long heap = measure.collectGarbage() ? HeapUsage.afterGc() : HeapUsage.now();
			measure.replyTo().tell(new NodeStats(running, heap));
			return Behaviors.same();
		});
	}
}
