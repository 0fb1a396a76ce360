package io.casty.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.configurationmetadata.ConfigurationMetadataProperty;
import org.springframework.boot.configurationmetadata.ConfigurationMetadataRepositoryJsonBuilder;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * The IDE shows the defaults written in the configuration metadata; the client uses its
 * {@code DEFAULT_*} constants. Binding the documented defaults must give exactly the
 * properties' real defaults, so the two cannot drift apart unnoticed.
 */
class ConfigurationMetadataTests {

	private static Map<String, ConfigurationMetadataProperty> metadata() throws Exception {
		try (InputStream json = ConfigurationMetadataTests.class
			.getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			assertThat(json).as("generated configuration metadata").isNotNull();
			return ConfigurationMetadataRepositoryJsonBuilder.create(json).build().getAllProperties();
		}
	}

	@Test
	void documentedDefaultsBindToTheClientsOwnDefaults() throws Exception {
		Map<String, String> documented = new HashMap<>();
		metadata().forEach((name, property) -> {
			if (name.startsWith("casty.client.") && property.getDefaultValue() != null) {
				documented.put(name, property.getDefaultValue().toString());
			}
		});

		assertThat(documented).hasSizeGreaterThanOrEqualTo(9);
		CastyClientProperties bound = new Binder(new MapConfigurationPropertySource(documented))
			.bind("casty.client", CastyClientProperties.class)
			.get();

		assertThat(bound).usingRecursiveComparison().isEqualTo(new CastyClientProperties());
	}

	@Test
	void everyTunableSettingShowsItsDefaultAndADescription() throws Exception {
		Map<String, ConfigurationMetadataProperty> metadata = metadata();

		assertThat(metadata).containsKeys("casty.client.connect-timeout", "casty.client.handshake-timeout",
				"casty.client.ask-timeout", "casty.client.ask-busy-wait", "casty.client.subscription-timeout", "casty.client.buffer-size",
				"casty.client.max-in-flight-asks", "casty.client.max-frame-size", "casty.client.reconnect-backoff.min",
				"casty.client.reconnect-backoff.max", "casty.client.startup.mode", "casty.client.startup.timeout");
		metadata.forEach((name, property) -> {
			if (name.startsWith("casty.client.") && !name.contains(".entities.")) {
				assertThat(property.getDescription()).as("description of " + name).isNotBlank();
			}
		});
		assertThat(metadata).allSatisfy((name, property) -> {
			boolean tunable = name.endsWith("-timeout") || name.endsWith("-wait") || name.endsWith("-size")
					|| name.contains("reconnect-backoff")
					|| name.contains(".max-");
			if (name.startsWith("casty.client.") && tunable) {
				assertThat(property.getDefaultValue()).as("default of " + name).isNotNull();
			}
		});
	}
}
