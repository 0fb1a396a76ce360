package io.casty.benchmarks.load.scale;

import io.casty.actor.ActorRef;
import io.casty.actor.Behavior;
import io.casty.actor.Behaviors;
import io.casty.cluster.EntityType;
import java.util.ArrayList;
import java.util.List;

/**
 * An entity that answers no {@link Hold} until it is told to: it keeps the reply address of
 * each and answers them all on {@link ReleaseAll}. With it, a client has as many asks in
 * flight as it likes, for as long as it likes, and Casty is none the wiser.
 */
public final class HeldReplies {

	/** What the entity accepts. */
	public sealed interface Command permits Hold, CountHeld, ReleaseAll {
	}

	/** An ask answered on the next {@link ReleaseAll}, with its position among the held ones. */
	public record Hold(ActorRef<Integer> replyTo) implements Command {
	}

	/** Replies with how many asks the entity holds. */
	public record CountHeld(ActorRef<Integer> replyTo) implements Command {
	}

	/** Answers every held ask. */
	public enum ReleaseAll implements Command {
		INSTANCE
	}

	public static final String SHARD_TYPE = "held";

	public static final int NUM_SHARDS = 10;

	/** The classes to register on nodes and clients. */
	public static final List<Class<?>> MESSAGES = List.of(Hold.class, CountHeld.class, ReleaseAll.class);

	private final List<ActorRef<Integer>> held = new ArrayList<>();

	private HeldReplies() {
	}

	/** The entity type, to host on a node. */
	public static EntityType<Command> entityType() {
		return EntityType.of(SHARD_TYPE, NUM_SHARDS, entityId -> new HeldReplies().behavior());
	}

	private Behavior<Command> behavior() {
		return Behaviors.receiveMessage(command -> {
			if (command instanceof Hold hold) {
				held.add(hold.replyTo());
			}
			else if (command instanceof CountHeld count) {
				count.replyTo().tell(held.size());
			}
			else {
				for (int i = 0; i < held.size(); i++) {
					held.get(i).tell(i + 1);
				}
				held.clear();
			}
			return Behaviors.same();
		});
	}
}
