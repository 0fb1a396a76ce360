/**
 * The cluster node application: {@code casty.node.*} properties, the node bean and its startup,
 * and the node's view of the topology.
 */
package io.casty.node;
