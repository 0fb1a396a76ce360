package io.casty.spring.autoconfigure.node.metrics;

import io.casty.cluster.ClusteredActorSystem;
import io.casty.cluster.EntityType;
import io.casty.spring.autoconfigure.node.CastyNodeAutoConfiguration;
import io.casty.spring.autoconfigure.node.NodeTopology;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration for {@link CastyNodeMetrics}: the node's gauges and counters, bound to the
 * registry by Spring Boot's metrics support.
 */
@AutoConfiguration(after = CastyNodeAutoConfiguration.class)
@ConditionalOnClass({ ClusteredActorSystem.class, MeterRegistry.class })
@ConditionalOnBean({ ClusteredActorSystem.class, NodeTopology.class })
public final class CastyNodeMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	CastyNodeMetrics castyNodeMetrics(ClusteredActorSystem node, NodeTopology topology,
			ObjectProvider<EntityType<?>> entityTypes) {
		List<String> hostedTypes = entityTypes.orderedStream().map(EntityType::name).toList();
		return new CastyNodeMetrics(node, topology, hostedTypes);
	}

}
