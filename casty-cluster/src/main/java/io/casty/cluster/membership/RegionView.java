package io.casty.cluster.membership;

import io.casty.actor.NodeAddress;

/**
 * What a shard region needs of the cluster state: its type's allocation (with hand-offs), the
 * allocation epoch, and the leader to report completed hand-offs to.
 *
 * @param allocation the type's allocation, or {@code null} while it has none
 * @param epoch the allocation epoch
 * @param leader the current leader, or {@code null} while there is none
 */
public record RegionView(TypeAllocation allocation, long epoch, NodeAddress leader) {
}
