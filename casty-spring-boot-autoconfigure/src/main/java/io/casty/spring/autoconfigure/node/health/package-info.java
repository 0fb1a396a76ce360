/**
 * The node's {@code casty} health component.
 */
package io.casty.spring.autoconfigure.node.health;
