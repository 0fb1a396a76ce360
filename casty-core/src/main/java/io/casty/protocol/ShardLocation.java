package io.casty.protocol;

import io.casty.actor.NodeAddress;
import java.util.Objects;

/**
 * Internal: the answer to {@link GetShardLocation}.
 *
 * @param shardType the entity type asked about
 * @param numShards the number of shards the cluster has for that type, or 0 if it hosts no
 *     such type
 * @param shard the shard asked about
 * @param owner the node that owns it, or {@code null} if nobody does yet
 * @param epoch the topology epoch the answer comes from
 */
public record ShardLocation(String shardType, int numShards, int shard, NodeAddress owner, long epoch) {

	public ShardLocation {
		Objects.requireNonNull(shardType, "shardType");
	}
}
