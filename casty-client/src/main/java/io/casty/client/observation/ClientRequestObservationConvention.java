package io.casty.client.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags the observations of client requests. Register a
 * {@link io.micrometer.observation.GlobalObservationConvention} of these with the
 * {@link io.micrometer.observation.ObservationRegistry} to replace
 * {@link DefaultClientRequestObservationConvention}.
 */
public interface ClientRequestObservationConvention extends ObservationConvention<ClientRequestContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof ClientRequestContext;
	}
}
