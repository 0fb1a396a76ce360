/**
 * The loyalty sample's entity, hosted by this node application: one account per user.
 */
package io.casty.node.loyalty;
