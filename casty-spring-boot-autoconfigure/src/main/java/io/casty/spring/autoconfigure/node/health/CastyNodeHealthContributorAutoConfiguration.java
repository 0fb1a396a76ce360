package io.casty.spring.autoconfigure.node.health;

import io.casty.cluster.ClusteredActorSystem;
import io.casty.cluster.EntityType;
import io.casty.spring.autoconfigure.node.CastyNodeAutoConfiguration;
import io.casty.spring.autoconfigure.node.NodeTopology;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration for {@link CastyNodeHealthIndicator}: the node's {@code casty} health
 * component, covering every hosted {@link EntityType}. Off with
 * {@code management.health.casty.enabled=false}.
 */
@AutoConfiguration(after = CastyNodeAutoConfiguration.class)
@ConditionalOnClass({ ClusteredActorSystem.class, HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnBean({ ClusteredActorSystem.class, NodeTopology.class })
@ConditionalOnEnabledHealthIndicator("casty")
public final class CastyNodeHealthContributorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = { "castyHealthIndicator", "castyHealthContributor" })
	CastyNodeHealthIndicator castyHealthIndicator(ClusteredActorSystem node, NodeTopology topology,
			ObjectProvider<EntityType<?>> entityTypes) {
		return new CastyNodeHealthIndicator(node, topology, node::hostsEntities, entityTypes.orderedStream().toList());
	}

}
