package io.casty.client;

import io.casty.actor.ActorRef;
import io.casty.actor.Behavior;
import io.casty.actor.Behaviors;
import java.util.List;

/** A counter entity shared by the client tests and the node they start in another JVM. */
public final class TestEntities {

	public sealed interface CounterCommand permits Add, AddAndGet, Get, Ignore {
	}

	public record Add(int amount) implements CounterCommand {
	}

	public record Get(ActorRef<Integer> replyTo) implements CounterCommand {
	}

	/** Adds, then answers the new total. */
	public record AddAndGet(int amount, ActorRef<Integer> replyTo) implements CounterCommand {
	}

	/** Never answered: for timeouts. */
	public record Ignore(ActorRef<Integer> replyTo) implements CounterCommand {
	}

	public static final String SHARD_TYPE = "counter";

	public static final int NUM_SHARDS = 10;

	public static final List<Class<?>> MESSAGES = List.of(Add.class, AddAndGet.class, Get.class, Ignore.class);

	private TestEntities() {
	}

	public static Behavior<CounterCommand> counter(String entityId) {
		return counter(0);
	}

	private static Behavior<CounterCommand> counter(int total) {
		return Behaviors.receiveMessage(command -> {
			if (command instanceof Add add) {
				return counter(total + add.amount());
			}
			if (command instanceof AddAndGet add) {
				add.replyTo().tell(total + add.amount());
				return counter(total + add.amount());
			}
			if (command instanceof Get get) {
				get.replyTo().tell(total);
			}
			return Behaviors.same();
		});
	}
}
