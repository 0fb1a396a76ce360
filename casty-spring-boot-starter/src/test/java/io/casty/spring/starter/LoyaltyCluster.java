package io.casty.spring.starter;

import io.casty.actor.ActorRef;
import io.casty.actor.Behavior;
import io.casty.actor.Behaviors;
import io.casty.cluster.ClusteredActorSystem;
import io.casty.cluster.EntityType;
import java.time.Duration;
import java.util.List;

/** The guide's loyalty entity, and a one-node cluster hosting it, started by the tests in this JVM. */
final class LoyaltyCluster implements AutoCloseable {

	static final String SYSTEM_NAME = "loyalty-cluster";

	static final String SHARD_TYPE = "loyalty";

	static final int NUM_SHARDS = 10;

	static final List<Class<?>> MESSAGES = List.of(AddPoints.class, GetPoints.class);

	sealed interface LoyaltyCommand permits AddPoints, GetPoints {
	}

	record AddPoints(int amount) implements LoyaltyCommand {
	}

	record GetPoints(ActorRef<Integer> replyTo) implements LoyaltyCommand {
	}

	private final ClusteredActorSystem node;

	private LoyaltyCluster(ClusteredActorSystem node) {
		this.node = node;
	}

	static LoyaltyCluster start(int port) {
		ClusteredActorSystem node = ClusteredActorSystem.builder(SYSTEM_NAME)
			.port(port)
			.nodeId("node-1")
			.topologyHeartbeatInterval(Duration.ofMillis(200))
			.registerMessages(MESSAGES)
			.start();
		node.shardRegion(EntityType.of(SHARD_TYPE, NUM_SHARDS, (entityId) -> loyalty(0)));
		return new LoyaltyCluster(node);
	}

	private static Behavior<LoyaltyCommand> loyalty(int total) {
		return Behaviors.receiveMessage((command) -> {
			if (command instanceof AddPoints add) {
				return loyalty(total + add.amount());
			}
			((GetPoints) command).replyTo().tell(total);
			return Behaviors.same();
		});
	}

	@Override
	public void close() {
		this.node.close();
	}

}
