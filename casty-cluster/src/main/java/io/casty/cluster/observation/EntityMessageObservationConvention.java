package io.casty.cluster.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags the observations of entities handling messages. Register a
 * {@link io.micrometer.observation.GlobalObservationConvention} of these with the
 * {@link io.micrometer.observation.ObservationRegistry} to replace
 * {@link DefaultEntityMessageObservationConvention}.
 */
public interface EntityMessageObservationConvention extends ObservationConvention<EntityMessageContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof EntityMessageContext;
	}
}
