package io.casty.spring.test;

import io.casty.cluster.EntityType;
import io.casty.spring.autoconfigure.CastyClientConnectionDetails;
import io.casty.spring.autoconfigure.CastyClientProperties;
import io.micrometer.observation.ObservationRegistry;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The test node and the connection details that point the client at it. The client's bean
 * depends on the details, and they on the node: the node is up before the client starts, and
 * the client is closed before the node.
 */
@Configuration(proxyBeanMethods = false)
class TestNodeConfiguration {

	@Bean(destroyMethod = "close")
	CastyTestNode castyTestNode(CastyClientProperties client, CastyTestNodeProperties testNode,
			ObjectProvider<EntityType<?>> entityTypes, ObjectProvider<ObservationRegistry> observationRegistry) {
		List<EntityType<?>> types = entityTypes.orderedStream().toList();
		new TestNodeCompatibility(client).check(types);
		return new TestNodeStarter(systemName(client), TestNodeMessageClasses.of(client, testNode),
				TestNodeTransport.of(client), observationRegistry.getIfAvailable(() -> ObservationRegistry.NOOP))
			.start(types);
	}

	@Bean
	@ConditionalOnMissingBean(CastyClientConnectionDetails.class)
	TestNodeConnectionDetails castyTestNodeConnectionDetails(CastyTestNode node) {
		return new TestNodeConnectionDetails(node);
	}

	/** Static, as a post-processor's bean method must be: it runs before this configuration exists. */
	@Bean
	static EntityTypeBeanNameCheck castyEntityTypeBeanNameCheck(Environment environment) {
		return new EntityTypeBeanNameCheck(environment);
	}

	private static String systemName(CastyClientProperties client) {
		String systemName = client.getSystemName();
		return (systemName == null || systemName.isBlank()) ? CastyTestNode.DEFAULT_SYSTEM_NAME : systemName.trim();
	}

}
