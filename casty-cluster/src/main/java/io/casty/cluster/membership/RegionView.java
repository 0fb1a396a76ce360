package io.casty.cluster.membership;

import io.casty.actor.NodeAddress;

/**
 * What a shard region needs of the cluster state: its type's allocation (with hand-offs), the
 * allocation epoch, the leader to report completed hand-offs to, and until when the region may
 * hand messages to its entities (the node's hosting lease, see {@code ClusterDaemon}).
 *
 * @param allocation the type's allocation, or {@code null} while it has none
 * @param epoch the allocation epoch
 * @param leader the current leader, or {@code null} while there is none
 * @param hostUntilNanos the {@link System#nanoTime()} after which the region keeps messages for
 *     its entities instead of handing them over, until a later view extends it
 */
public record RegionView(TypeAllocation allocation, long epoch, NodeAddress leader, long hostUntilNanos) {

	/** Whether the region may hand messages to its entities at {@code nowNanos}. */
	public boolean mayHost(long nowNanos) {
		return hostUntilNanos - nowNanos > 0;
	}
}
