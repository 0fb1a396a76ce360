package io.casty.node;

import io.casty.cluster.ClusteredActorSystem;
import io.casty.cluster.EntityType;
import io.casty.node.health.CastyNodeHealthIndicator;
import io.casty.node.metrics.CastyNodeMetrics;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The node and what reports on it. The node is a bean closed with the context: on SIGTERM,
 * Spring's graceful shutdown stops the web server and then closes the node, which hands its
 * shards to the other members before it stops.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CastyNodeProperties.class)
class NodeConfiguration {

	@Bean(destroyMethod = "close")
	ClusteredActorSystem clusteredActorSystem(CastyNodeProperties properties, ObjectProvider<EntityType<?>> entityTypes,
			ObjectProvider<SslBundles> sslBundles) {
		String bundle = properties.getSsl().getBundle();
		NodeTls tls = (bundle != null) ? NodeTls.fromBundle(sslBundles.getIfAvailable(), bundle) : null;
		return new NodeStarter(properties, tls).start(entityTypes.orderedStream().toList());
	}

	@Bean(destroyMethod = "close")
	NodeTopology nodeTopology(ClusteredActorSystem node) {
		return new NodeTopology(node);
	}

	@Bean
	CastyNodeHealthIndicator castyHealthIndicator(ClusteredActorSystem node, NodeTopology topology,
			ObjectProvider<EntityType<?>> entityTypes) {
		return new CastyNodeHealthIndicator(node, topology, node::hostsEntities, entityTypes.orderedStream().toList());
	}

	@Bean
	CastyNodeMetrics castyNodeMetrics(ClusteredActorSystem node, NodeTopology topology,
			ObjectProvider<EntityType<?>> entityTypes) {
		List<String> hostedTypes = entityTypes.orderedStream().map(EntityType::name).toList();
		return new CastyNodeMetrics(node, topology, hostedTypes);
	}

}
