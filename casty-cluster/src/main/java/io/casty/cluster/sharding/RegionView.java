package io.casty.cluster.sharding;

import io.casty.actor.NodeAddress;

/**
 * Internal: what a shard region needs of the cluster state, sent by the cluster daemon whenever
 * it changes: its type's allocation (with hand-offs), the allocation epoch, and the leader to
 * report completed hand-offs to.
 *
 * @param allocation the type's allocation, or {@code null} while it has none
 * @param epoch the allocation epoch
 * @param leader the current leader, or {@code null} while there is none
 */
public record RegionView(TypeAllocation allocation, long epoch, NodeAddress leader) {
}
