package io.casty.benchmarks.points;

import io.casty.actor.ActorRef;
import io.casty.actor.Behavior;
import io.casty.actor.Behaviors;
import java.util.List;

/**
 * The loyalty-style entity every Casty benchmark drives: an account that keeps a points total.
 * It prints nothing (unlike the guide's entity), so the benchmarks measure messaging, not
 * logging.
 */
public final class PointsAccount {

	/** What an account accepts. */
	public sealed interface Command permits AddPoints, AddAndGet, GetPoints {
	}

	/** Adds points; no reply (the tell workload). */
	public record AddPoints(int amount) implements Command {
	}

	/** Adds points and replies with the new total (the ask workloads). */
	public record AddAndGet(int amount, ActorRef<Integer> replyTo) implements Command {
	}

	/** Replies with the total (verification). */
	public record GetPoints(ActorRef<Integer> replyTo) implements Command {
	}

	/** The entity type's name. */
	public static final String SHARD_TYPE = "points";

	/** Shards of the type; the same number for every system that shards. */
	public static final int NUM_SHARDS = 100;

	/** The classes to register on nodes and clients. */
	public static final List<Class<?>> MESSAGES = List.of(AddPoints.class, AddAndGet.class, GetPoints.class);

	// One mutable field rather than a new behavior per message: the benchmarks should measure
	// messaging, not the entity's allocations.
	private int total;

	private PointsAccount() {
	}

	/** An account starting at zero points; the entity id is not needed. */
	public static Behavior<Command> create(String entityId) {
		return new PointsAccount().behavior();
	}

	private Behavior<Command> behavior() {
		return Behaviors.receiveMessage(command -> {
			if (command instanceof AddPoints add) {
				total += add.amount();
			}
			else if (command instanceof AddAndGet add) {
				total += add.amount();
				add.replyTo().tell(total);
			}
			else {
				((GetPoints) command).replyTo().tell(total);
			}
			return Behaviors.same();
		});
	}
}
