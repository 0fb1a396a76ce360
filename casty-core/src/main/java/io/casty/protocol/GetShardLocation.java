package io.casty.protocol;

import io.casty.actor.ActorRef;
import java.util.Objects;

/**
 * Internal: asks a node who owns one shard; answered with a {@link ShardLocation}. Sent to
 * {@link ProtocolPaths#TOPOLOGY} by a client that has a message for a shard its table does not
 * know yet.
 */
public record GetShardLocation(String shardType, int shard, ActorRef<ShardLocation> replyTo) {

	public GetShardLocation {
		Objects.requireNonNull(shardType, "shardType");
		Objects.requireNonNull(replyTo, "replyTo");
	}
}
