package io.casty.sharding;

import java.util.Objects;

/**
 * A message for one sharded entity: the entity's id and the message itself. The id decides
 * the shard ({@link ShardHash}), and the shard decides the node.
 *
 * @param entityId the entity's id; any non-null string
 * @param message the message for the entity
 * @param <M> the entity's message type
 */
public record ShardEnvelope<M>(String entityId, M message) {

	public ShardEnvelope {
		Objects.requireNonNull(entityId, "entityId");
		Objects.requireNonNull(message, "message");
	}
}
