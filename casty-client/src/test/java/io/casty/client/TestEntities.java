package io.casty.client;

import io.casty.actor.ActorRef;
import io.casty.actor.Behavior;
import io.casty.actor.Behaviors;
import java.util.List;

/**
 * A counter entity shared by the client tests and the node they start in another JVM, and the
 * messages of the event-sourced counter ({@link DurableCounter}) that nodes host on a journal.
 */
public final class TestEntities {

	public sealed interface CounterCommand permits Add, StampedAdd, AddAndGet, Get, Ignore, Where {
	}

	public record Add(int amount) implements CounterCommand {
	}

	/** An {@link Add} that says when the client sent it, in microseconds since the epoch. */
	public record StampedAdd(int amount, long sentMicros) implements CounterCommand {
	}

	public record Get(ActorRef<Integer> replyTo) implements CounterCommand {
	}

	/** Adds, then answers the new total. */
	public record AddAndGet(int amount, ActorRef<Integer> replyTo) implements CounterCommand {
	}

	/** Answers the id of the node the entity runs on. */
	public record Where(ActorRef<String> replyTo) implements CounterCommand {
	}

	/** Never answered: for timeouts. */
	public record Ignore(ActorRef<Integer> replyTo) implements CounterCommand {
	}

	/** A command of the durable counter, which nodes host only with a journal ({@link ClusterTestNode#JOURNAL_URL}). */
	public sealed interface DurableCommand permits DurableAdd, DurableGet {
	}

	/**
	 * Adds {@code amount} once durable and answers the new total; a retry with the same
	 * {@code idempotencyKey} is not added again and answers the total the first one did.
	 */
	public record DurableAdd(String idempotencyKey, int amount, ActorRef<Integer> replyTo) implements DurableCommand {
	}

	/** Answers the durable counter's total. */
	public record DurableGet(ActorRef<Integer> replyTo) implements DurableCommand {
	}

	public static final String SHARD_TYPE = "counter";

	public static final int NUM_SHARDS = 10;

	public static final String DURABLE_SHARD_TYPE = "durable-counter";

	public static final int DURABLE_NUM_SHARDS = 10;

	public static final List<Class<?>> MESSAGES = List.of(Add.class, StampedAdd.class, AddAndGet.class, Get.class,
			Ignore.class, Where.class, DurableAdd.class, DurableGet.class);

	private TestEntities() {
	}

	public static Behavior<CounterCommand> counter(String entityId) {
		return counter(0, "unnamed", entityId, Lifecycle.NONE);
	}

	/** A counter on the node named {@code nodeId}, telling {@code lifecycle} when it starts, stops and handles a message. */
	public static Behavior<CounterCommand> trackedCounter(String entityId, String nodeId, Lifecycle lifecycle) {
		return Behaviors.setup(context -> {
			lifecycle.started(entityId, nodeId);
			context.onStop(() -> lifecycle.stopped(entityId, nodeId));
			return counter(0, nodeId, entityId, lifecycle);
		});
	}

	/** Where entities start and stop, and what they handle; each method does nothing unless overridden. */
	public interface Lifecycle {

		/** Tells nobody. */
		Lifecycle NONE = new Lifecycle() {
		};

		default void started(String entityId, String nodeId) {
		}

		default void stopped(String entityId, String nodeId) {
		}

		/**
		 * The entity is about to handle a message.
		 *
		 * @param sentMicros when the client sent it, for a {@link StampedAdd}; otherwise -1
		 */
		default void handling(String entityId, String nodeId, long sentMicros) {
		}
	}

	private static Behavior<CounterCommand> counter(int total, String nodeId, String entityId, Lifecycle lifecycle) {
		return Behaviors.receiveMessage(command -> {
			lifecycle.handling(entityId, nodeId, command instanceof StampedAdd stamped ? stamped.sentMicros() : -1);
			if (command instanceof Add add) {
				return counter(total + add.amount(), nodeId, entityId, lifecycle);
			}
			if (command instanceof StampedAdd add) {
				return counter(total + add.amount(), nodeId, entityId, lifecycle);
			}
			if (command instanceof AddAndGet add) {
				add.replyTo().tell(total + add.amount());
				return counter(total + add.amount(), nodeId, entityId, lifecycle);
			}
			if (command instanceof Where where) {
				where.replyTo().tell(nodeId);
			}
			if (command instanceof Get get) {
				get.replyTo().tell(total);
			}
			return Behaviors.same();
		});
	}
}
