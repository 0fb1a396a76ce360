package io.casty.client;

import io.casty.cluster.ClusteredActorSystem;
import io.casty.cluster.EntityType;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;

/**
 * A cluster node for tests that run nodes as separate processes, with failure detection tuned
 * for quick tests. Hosts the test counter; prints {@code READY} once it is an up member, and
 * {@code EVENT START|STOP <entity> <node> <epoch-micros>} whenever an entity starts or stops, so
 * the test can check that no entity ever ran on two nodes at once. Leaves the cluster on SIGTERM.
 *
 * <p>Arguments: {@code <system> <host> <port> <node-id> <seed,seed,...>}.
 */
public final class ClusterTestNode {

	/**
	 * A passivation time for the nodes, in milliseconds, so the soak can stop and restart idle
	 * entities all the time while nodes are killed; nodes keep the default otherwise.
	 */
	static final String PASSIVATE_IDLE_AFTER_MS = "soak.passivate-idle-after-ms";

	/**
	 * When true, the node also prints {@code EVENT HANDLE <entity> <node> <epoch-micros> <sent-micros>}
	 * for every message ({@code -1} for messages that do not say when they were sent).
	 */
	static final String TRACE_HANDLING = "test.trace-handling";

	private ClusterTestNode() {
	}

	public static void main(String[] args) throws InterruptedException {
		String nodeId = args[3];
		boolean traceHandling = Boolean.getBoolean(TRACE_HANDLING);
		List<String> seeds = Arrays.asList(args[4].split(","));
		ClusteredActorSystem node = ClusteredActorSystem.builder(args[0])
			.host(args[1])
			.port(Integer.parseInt(args[2]))
			.nodeId(nodeId)
			.seedNodes(seeds)
			.registerMessages(TestEntities.MESSAGES)
			.gossipInterval(Duration.ofMillis(200))
			.heartbeatInterval(Duration.ofMillis(200))
			.acceptableHeartbeatPause(Duration.ofMillis(1000))
			.downAfter(Duration.ofMillis(1000))
			.topologyHeartbeatInterval(Duration.ofMillis(300))
			.passivateIdleAfter(passivateIdleAfter())
			.start();
		TestEntities.Lifecycle printer = new TestEntities.Lifecycle() {
			@Override
			public void started(String entityId, String where) {
				event("START", entityId, where, "");
			}

			@Override
			public void stopped(String entityId, String where) {
				event("STOP", entityId, where, "");
			}

			@Override
			public void handling(String entityId, String where, long sentMicros) {
				if (traceHandling) {
					event("HANDLE", entityId, where, " " + sentMicros);
				}
			}
		};
		node.shardRegion(EntityType.of(TestEntities.SHARD_TYPE, TestEntities.NUM_SHARDS,
				id -> TestEntities.trackedCounter(id, nodeId, printer)));
		node.awaitUp(Duration.ofSeconds(60));
		System.out.println("READY");
		System.out.flush();
		Thread.currentThread().join();
	}

	private static Duration passivateIdleAfter() {
		String millis = System.getProperty(PASSIVATE_IDLE_AFTER_MS);
		return millis == null ? ClusteredActorSystem.Builder.DEFAULT_PASSIVATE_IDLE_AFTER
				: Duration.ofMillis(Long.parseLong(millis));
	}

	private static void event(String kind, String entityId, String nodeId, String more) {
		Instant now = Instant.now();
		System.out.println("EVENT " + kind + " " + entityId + " " + nodeId + " "
				+ ChronoUnit.MICROS.between(Instant.EPOCH, now) + more);
		System.out.flush();
	}
}
