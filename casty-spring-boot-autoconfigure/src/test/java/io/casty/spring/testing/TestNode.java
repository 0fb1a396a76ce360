package io.casty.spring.testing;

import io.casty.cluster.ClusteredActorSystem;
import io.casty.cluster.EntityType;
import java.time.Duration;

/** A single-node cluster on loopback hosting the {@link TestEntities}, in this JVM. */
public final class TestNode implements AutoCloseable {

	public static final String SYSTEM_NAME = "test-cluster";

	private final ClusteredActorSystem node;

	private TestNode(ClusteredActorSystem node) {
		this.node = node;
	}

	/** Starts a node that hosts both entity types and waits until their shards are allocated. */
	public static TestNode start(int port) {
		return start(port, true);
	}

	/** Starts a node; {@code hostOrders} false leaves the orders type unhosted (unallocated). */
	public static TestNode start(int port, boolean hostOrders) {
		ClusteredActorSystem node = ClusteredActorSystem.builder(SYSTEM_NAME)
			.port(port)
			.nodeId("node-1")
			.topologyHeartbeatInterval(Duration.ofMillis(100))
			.registerMessages(TestEntities.MESSAGES)
			.start();
		node.shardRegion(EntityType.of(TestEntities.LOYALTY, TestEntities.LOYALTY_SHARDS,
				(entityId) -> TestEntities.loyalty(0)));
		if (hostOrders) {
			node.shardRegion(
					EntityType.of(TestEntities.ORDERS, TestEntities.ORDERS_SHARDS, (entityId) -> TestEntities.orders(0)));
		}
		node.awaitAllocations(Duration.ofSeconds(10));
		return new TestNode(node);
	}

	public String hostPort() {
		return this.node.address().hostPort();
	}

	@Override
	public void close() {
		this.node.close();
	}
}
