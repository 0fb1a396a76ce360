/**
 * Micrometer observations of a node's entities handling messages ({@code casty.entity.messages}):
 * their context and conventions, to rename or retag them with a
 * {@link io.micrometer.observation.GlobalObservationConvention}. {@link EntityObservations} is
 * internal: the node applies it to every entity.
 */
package io.casty.cluster.observation;
