/**
 * The node's {@code casty.node.*} meters.
 */
package io.casty.spring.autoconfigure.node.metrics;
