package io.casty.cluster;

import io.casty.actor.Behavior;
import java.util.Objects;
import java.util.function.Function;

/**
 * A kind of sharded entity a node hosts: its name (the shard type clients address), how many
 * shards its entities are spread over, and how to start one entity.
 *
 * <pre>{@code
 * EntityType<LoyaltyCommand> loyalty = EntityType.of("loyalty", 10, LoyaltyEntity::create);
 * }</pre>
 *
 * @param name the shard type; clients use the same name in {@code entityRef(name, numShards)}
 * @param numShards how many shards; every node and client must use the same number
 * @param factory builds the behavior of the entity with a given id, when its first message
 *     arrives
 * @param <M> the entity's message type
 */
public record EntityType<M>(String name, int numShards, Function<String, Behavior<M>> factory) {

	public EntityType {
		Objects.requireNonNull(name, "name");
		if (name.isBlank() || name.indexOf('/') >= 0) {
			throw new IllegalArgumentException("entity type name : '" + name + "' (expected: non-blank, without '/')");
		}
		if (numShards <= 0) {
			throw new IllegalArgumentException("numShards of '" + name + "' : " + numShards + " (expected: > 0)");
		}
		Objects.requireNonNull(factory, "factory");
	}

	public static <M> EntityType<M> of(String name, int numShards, Function<String, Behavior<M>> factory) {
		return new EntityType<>(name, numShards, factory);
	}
}
