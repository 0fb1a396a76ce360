/**
 * Auto-configuration of a Casty cluster node: {@code casty.node.*} properties, the
 * {@link io.casty.cluster.ClusteredActorSystem} bean hosting every
 * {@link io.casty.cluster.EntityType} bean, its startup and graceful leave, and the node's view
 * of the topology.
 */
package io.casty.spring.autoconfigure.node;
