package io.casty.spring.autoconfigure.observation;

import io.casty.client.ClusterClient;
import io.casty.spring.autoconfigure.CastyClientAutoConfiguration;
import io.casty.spring.autoconfigure.ClusterClientBuilderCustomizer;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration for Casty client observations: the application's
 * {@link ObservationRegistry} given to the auto-configured client through a
 * {@link ClusterClientBuilderCustomizer}, so that each tell and ask is a
 * {@code casty.client.requests} observation (a span, with tracing) whose trace the entity's node
 * continues. Turned off like any observation, with
 * {@code management.observations.enable.casty.client=false}.
 */
@AutoConfiguration(after = CastyClientAutoConfiguration.class,
		afterName = "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration")
@ConditionalOnClass({ ClusterClient.class, ObservationRegistry.class })
@ConditionalOnBean({ ClusterClient.class, ObservationRegistry.class })
public final class CastyClientObservationAutoConfiguration {

	@Bean
	ClusterClientBuilderCustomizer castyClientObservationCustomizer(ObservationRegistry registry) {
		return (builder) -> builder.observationRegistry(registry);
	}

}
