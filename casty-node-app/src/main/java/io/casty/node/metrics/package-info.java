/**
 * The node's {@code casty.node.*} meters.
 */
package io.casty.node.metrics;
