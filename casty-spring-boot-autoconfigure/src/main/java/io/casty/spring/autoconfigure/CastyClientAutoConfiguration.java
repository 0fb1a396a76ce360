package io.casty.spring.autoconfigure;

import io.casty.client.ClusterClient;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;

/**
 * Auto-configuration for the Casty {@link ClusterClient}: the client bean, built from
 * {@link CastyClientConnectionDetails} and {@link CastyClientProperties} and closed with the
 * context, and one {@link io.casty.client.EntityRef} bean per {@code casty.client.entities}
 * entry.
 */
@AutoConfiguration
@ConditionalOnClass(ClusterClient.class)
@EnableConfigurationProperties(CastyClientProperties.class)
@Import({ ClusterClientConfiguration.class, EntityRefBeanRegistrar.class })
public final class CastyClientAutoConfiguration {

}
