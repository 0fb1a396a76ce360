package io.casty.spring.test;

import io.casty.client.ClusterClient;
import io.casty.cluster.ClusteredActorSystem;
import io.casty.spring.autoconfigure.CastyClientAutoConfiguration;
import io.casty.spring.autoconfigure.CastyClientProperties;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;

/**
 * Auto-configuration of {@link AutoConfigureCastyTestNode}: a {@link CastyTestNode} and the
 * connection details that point the auto-configured client at it.
 *
 * <p>The node takes from the client's configuration what both must agree on: the system name
 * ({@code casty.client.system-name}, or {@link CastyTestNode#DEFAULT_SYSTEM_NAME}), the message
 * classes ({@code casty.client.message-classes}, the records a sealed
 * {@code casty.client.entities.*.message-type} permits, and {@code casty.test.node.message-classes}),
 * the cluster secret and the frame size. It hosts every {@link io.casty.cluster.EntityType} bean;
 * with casty-persistence and H2 on the class path, event-sourced ones get a
 * {@link io.casty.persistence.Persistence} on an in-memory journal unless the context has one.
 *
 * <p>It runs beside an application that is a node itself ({@code casty.node.system-name}): that
 * node keeps its own port and cluster, and the client reaches the test node. Ordered after the
 * node's persistence, so that a node application's own {@code Persistence} is the one used.
 */
@AutoConfiguration(before = CastyClientAutoConfiguration.class,
		afterName = "io.casty.spring.autoconfigure.node.persistence.CastyNodePersistenceAutoConfiguration")
@ConditionalOnClass({ ClusteredActorSystem.class, ClusterClient.class })
@EnableConfigurationProperties({ CastyClientProperties.class, CastyTestNodeProperties.class })
@Import({ TestJournalConfiguration.class, TestNodeConfiguration.class })
public final class CastyTestNodeAutoConfiguration {

}
