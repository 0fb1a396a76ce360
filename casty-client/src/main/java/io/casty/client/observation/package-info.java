/**
 * Micrometer observations of a client's tells and asks ({@code casty.client.requests}): their
 * context and conventions, to rename or retag them with a
 * {@link io.micrometer.observation.GlobalObservationConvention}.
 */
package io.casty.client.observation;
