package io.casty.client;

import io.casty.cluster.ClusteredActorSystem;
import io.casty.cluster.EntityType;
import java.time.Duration;

/**
 * A node hosting the test counter entity, for tests that need it in another JVM. Prints
 * {@code READY} on stdout once its shards are allocated, and runs until killed.
 *
 * <p>Arguments: {@code <system-name> <port>}.
 */
public final class TestNodeMain {

	private TestNodeMain() {
	}

	public static void main(String[] args) throws InterruptedException {
		ClusteredActorSystem node = ClusteredActorSystem.builder(args[0])
			.port(Integer.parseInt(args[1]))
			.nodeId("remote-node")
			.registerMessages(TestEntities.MESSAGES)
			.start();
		node.shardRegion(EntityType.of(TestEntities.SHARD_TYPE, TestEntities.NUM_SHARDS, TestEntities::counter));
		node.awaitAllocations(Duration.ofSeconds(30));
		System.out.println("READY");
		System.out.flush();
		Thread.currentThread().join();
	}
}
