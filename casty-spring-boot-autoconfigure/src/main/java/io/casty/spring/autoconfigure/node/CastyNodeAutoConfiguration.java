package io.casty.spring.autoconfigure.node;

import io.casty.cluster.ClusteredActorSystem;
import io.casty.cluster.EntityType;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;

/**
 * Makes the application a Casty cluster node once {@code casty.node.system-name} is set: a
 * {@link ClusteredActorSystem} bean configured by {@code casty.node.*} that hosts every
 * {@link EntityType} bean, and the node's view of the topology for health and metrics. With an
 * {@link ObservationRegistry} bean, each message an entity handles is a
 * {@code casty.entity.messages} observation that continues the sending client's trace.
 *
 * <p>The node binds its port and joins the cluster when its bean is created, so that a port in
 * use or a bad setting fails startup at once (with a failure analysis naming the property); it
 * leaves gracefully when the context stops ({@link CastyNodeLifecycle}). A
 * {@link ClusteredActorSystem} bean of the application's own replaces this one.
 */
@AutoConfiguration
@ConditionalOnClass(ClusteredActorSystem.class)
@ConditionalOnProperty(prefix = "casty.node", name = "system-name")
@EnableConfigurationProperties(CastyNodeProperties.class)
public final class CastyNodeAutoConfiguration {

	/** Closed with the context too, for a context that fails before its lifecycle starts. */
	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	ClusteredActorSystem clusteredActorSystem(CastyNodeProperties properties, ObjectProvider<EntityType<?>> entityTypes,
			ObjectProvider<SslBundles> sslBundles, ObjectProvider<ObservationRegistry> observationRegistry) {
		String bundle = properties.getSsl().getBundle();
		NodeTls tls = (bundle != null) ? NodeTls.fromBundle(sslBundles.getIfAvailable(), bundle) : null;
		return new NodeStarter(properties, tls, observationRegistry.getIfAvailable(() -> ObservationRegistry.NOOP))
			.start(entityTypes.orderedStream().toList());
	}

	@Bean
	CastyNodeLifecycle castyNodeLifecycle(ClusteredActorSystem node) {
		return new CastyNodeLifecycle(node);
	}

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	NodeTopology nodeTopology(ClusteredActorSystem node) {
		return new NodeTopology(node);
	}

}
