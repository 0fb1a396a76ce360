package io.casty.spring.autoconfigure.health;

import io.casty.client.ClusterClient;
import io.casty.client.EntityRef;
import io.casty.spring.autoconfigure.CastyClientAutoConfiguration;
import io.casty.spring.autoconfigure.CastyClientProperties;
import io.casty.spring.health.CastyHealthIndicator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration for {@link CastyHealthIndicator}: the {@code casty} health component,
 * covering every {@link EntityRef} bean. Off with {@code management.health.casty.enabled=false}.
 */
@AutoConfiguration(after = CastyClientAutoConfiguration.class)
@ConditionalOnClass({ ClusterClient.class, HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnBean(ClusterClient.class)
@ConditionalOnEnabledHealthIndicator("casty")
public final class CastyHealthContributorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = { "castyHealthIndicator", "castyHealthContributor" })
	CastyHealthIndicator castyHealthIndicator(ClusterClient client, ObjectProvider<EntityRef<?>> entityRefs,
			ObjectProvider<CastyClientProperties> properties) {
		// Without the properties bean (an application-defined client and this auto-configuration
		// alone), the client's default subscription timeout still applies.
		return new CastyHealthIndicator(client, entityRefs.orderedStream().toList(),
				properties.getIfAvailable(CastyClientProperties::new).getSubscriptionTimeout());
	}

}
