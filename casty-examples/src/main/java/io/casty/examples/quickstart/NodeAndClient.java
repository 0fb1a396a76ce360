package io.casty.examples.quickstart;

import io.casty.actor.ActorRef;
import io.casty.actor.Behavior;
import io.casty.actor.Behaviors;
import io.casty.client.ClusterClient;
import io.casty.client.EntityRef;
import io.casty.cluster.ClusteredActorSystem;
import io.casty.cluster.EntityType;
import java.time.Duration;

/** The README's first example: a node hosting a sharded counter, and a client that reaches it. */
public class NodeAndClient {

	sealed interface Command permits Add, Get {}
	record Add(int amount) implements Command {}
	record Get(ActorRef<Integer> replyTo) implements Command {}

	static Behavior<Command> counter(int total) {
		return Behaviors.receiveMessage(command -> {
			if (command instanceof Add add) {
				return counter(total + add.amount());
			}
			((Get) command).replyTo().tell(total);
			return Behaviors.same();
		});
	}

	public static void main(String[] args) {
		int port = (args.length > 0) ? Integer.parseInt(args[0]) : 25520;
		try (ClusteredActorSystem node = ClusteredActorSystem.builder("shop").port(port)
				.registerMessages(Add.class, Get.class).start();
			 ClusterClient client = ClusterClient.builder().systemName("shop")
				.contactPoints("127.0.0.1:" + port).registerMessages(Add.class, Get.class).build()) {
			node.shardRegion(EntityType.of("counter", 10, entityId -> counter(0)));
			EntityRef<Command> counters = client.entityRef("counter", 10);
			counters.tell("apples", new Add(3));                // fire and forget
			counters.tell("apples", new Add(4));
			int apples = counters.<Integer>ask("apples", Get::new, Duration.ofSeconds(5)).join();
			System.out.println("apples: " + apples);             // apples: 7
		}
	}
}
