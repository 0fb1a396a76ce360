package io.casty.spring.autoconfigure;

import io.casty.client.ClusterClient;

/**
 * Adjusts the auto-configured {@link ClusterClient.Builder} after the {@code casty.client.*}
 * properties are applied and just before the client is built: register listeners or message
 * classes, or override a setting in code. Beans of this type are applied in
 * {@link org.springframework.core.annotation.Order order}.
 */
@FunctionalInterface
public interface ClusterClientBuilderCustomizer {

	/**
	 * Customizes the builder.
	 * @param builder the builder to customize
	 */
	void customize(ClusterClient.Builder builder);

}
