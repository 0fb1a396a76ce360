/**
 * The loyalty sample's entity, hosted by this node application: one event-sourced account per user.
 */
package io.casty.node.loyalty;
