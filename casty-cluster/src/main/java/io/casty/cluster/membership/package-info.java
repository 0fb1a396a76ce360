/**
 * Internal: a node's membership, served by its
 * {@link io.casty.cluster.membership.ClusterDaemon}: joining, gossip, failure detection, the
 * leader's decisions, the split-brain strategy and the hosting lease. Not API: applications use
 * {@link io.casty.cluster.ClusteredActorSystem}; what is public here is public for the node's
 * other packages only, and may change in any release.
 */
package io.casty.cluster.membership;
