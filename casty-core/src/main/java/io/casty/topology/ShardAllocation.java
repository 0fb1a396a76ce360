package io.casty.topology;

import io.casty.actor.NodeAddress;
import java.util.Map;
import java.util.Objects;

/**
 * Who owns each shard of one entity type.
 *
 * @param shardType the entity type's name
 * @param numShards how many shards the type has
 * @param owners the owner of each allocated shard, by shard number; unallocated shards are absent
 */
public record ShardAllocation(String shardType, int numShards, Map<Integer, NodeAddress> owners) {

	public ShardAllocation {
		Objects.requireNonNull(shardType, "shardType");
		owners = Map.copyOf(owners);
	}

	/** The owner of a shard, or {@code null} while it is unallocated. */
	public NodeAddress ownerOf(int shard) {
		return owners.get(shard);
	}

	/** Whether every shard has an owner. */
	public boolean isFullyAllocated() {
		return owners.size() == numShards;
	}
}
