package io.casty.spring.autoconfigure;

import io.casty.client.ClusterClient;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@link ClusterClient} bean, unless the application defines its own.
 */
@Configuration(proxyBeanMethods = false)
class ClusterClientConfiguration {

	@Bean
	@ConditionalOnMissingBean(CastyClientConnectionDetails.class)
	PropertiesCastyClientConnectionDetails castyClientConnectionDetails(CastyClientProperties properties) {
		return new PropertiesCastyClientConnectionDetails(properties);
	}

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	ClusterClient clusterClient(CastyClientProperties properties, CastyClientConnectionDetails connectionDetails,
			ObjectProvider<ClusterClientBuilderCustomizer> customizers, ObjectProvider<SslBundles> sslBundles) {
		ClusterClientStartup startup = new ClusterClientStartup(properties.getStartup(), connectionDetails);
		ClusterClient.Builder builder = new ClusterClientBuilderConfigurer(properties, connectionDetails)
			.configure(ClusterClient.builder());
		String bundle = properties.getSsl().getBundle();
		if (bundle != null) {
			builder.tls(ClusterClientTls.fromBundle(sslBundles.getIfAvailable(), bundle));
		}
		customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		return startup.await(builder.build());
	}

}
