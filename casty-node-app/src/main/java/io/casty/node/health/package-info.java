/**
 * The node's {@code casty} health component.
 */
package io.casty.node.health;
