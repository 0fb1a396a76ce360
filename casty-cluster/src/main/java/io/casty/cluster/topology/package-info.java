/**
 * Internal: publishes a node's view of the cluster to the local regions and to remote clients.
 * Not API: applications read it through {@link io.casty.cluster.ClusteredActorSystem#topology()};
 * what is public here is public for the node's other packages only, and may change in any release.
 */
package io.casty.cluster.topology;
