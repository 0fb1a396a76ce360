/**
 * Internal: the shard regions that run a node's entities, and the allocations and hand-offs that
 * the membership gossips for them. Not API: applications use
 * {@link io.casty.cluster.ClusteredActorSystem#shardRegion}; what is public here is public for the
 * node's other packages only, and may change in any release.
 */
package io.casty.cluster.sharding;
