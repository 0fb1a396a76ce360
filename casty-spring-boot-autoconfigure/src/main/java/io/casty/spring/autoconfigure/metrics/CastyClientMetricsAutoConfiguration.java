package io.casty.spring.autoconfigure.metrics;

import io.casty.client.ClusterClient;
import io.casty.spring.autoconfigure.CastyClientAutoConfiguration;
import io.casty.spring.autoconfigure.ClusterClientBuilderCustomizer;
import io.casty.spring.metrics.ClusterClientGauges;
import io.casty.spring.metrics.ClusterClientMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration for Casty client metrics: {@link ClusterClientMetrics} registered on the
 * auto-configured client through a {@link ClusterClientBuilderCustomizer}, and
 * {@link ClusterClientGauges} bound to the registry by Spring Boot's metrics support.
 */
@AutoConfiguration(after = CastyClientAutoConfiguration.class,
		afterName = "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration")
@ConditionalOnClass({ ClusterClient.class, MeterRegistry.class })
@ConditionalOnBean({ ClusterClient.class, MeterRegistry.class })
public final class CastyClientMetricsAutoConfiguration {

	@Bean
	ClusterClientBuilderCustomizer castyClientMetricsCustomizer(MeterRegistry registry) {
		return (builder) -> builder.listener(new ClusterClientMetrics(registry));
	}

	@Bean
	@ConditionalOnMissingBean
	ClusterClientGauges castyClientGauges(ClusterClient client) {
		return new ClusterClientGauges(client);
	}

}
