package io.casty.cluster;

import io.casty.actor.ActorRef;
import io.casty.actor.Behavior;
import io.casty.actor.Behaviors;
import io.casty.actor.NodeAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Counter entities that record where each one runs, so a test can assert that no entity ever
 * runs on two nodes at once.
 */
final class TrackedCounters {

	sealed interface Command permits Add, Get {
	}

	record Add(int amount, ActorRef<Integer> replyTo) implements Command {
	}

	record Get(ActorRef<String> replyTo) implements Command {
	}

	static final List<Class<?>> MESSAGES = List.of(Add.class, Get.class);

	static final String TYPE = "counter";

	static final int SHARDS = 10;

	private final Map<String, NodeAddress> runningOn = new ConcurrentHashMap<>();

	private final List<String> violations = new CopyOnWriteArrayList<>();

	/** The entity type as hosted by {@code node}. */
	EntityType<Command> on(NodeAddress node) {
		return EntityType.of(TYPE, SHARDS, id -> Behaviors.setup(context -> {
			NodeAddress other = runningOn.putIfAbsent(id, node);
			if (other != null) {
				violations.add(id + " started on " + node + " while running on " + other);
			}
			context.onStop(() -> runningOn.remove(id, node));
			return counter(0, node);
		}));
	}

	private static Behavior<Command> counter(int total, NodeAddress node) {
		return Behaviors.receiveMessage(command -> {
			if (command instanceof Add add) {
				add.replyTo().tell(total + add.amount());
				return counter(total + add.amount(), node);
			}
			((Get) command).replyTo().tell(node.hostPort());
			return Behaviors.same();
		});
	}

	List<String> violations() {
		return violations;
	}
}
