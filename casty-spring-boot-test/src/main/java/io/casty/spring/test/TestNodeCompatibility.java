package io.casty.spring.test;

import io.casty.InvalidCastyPropertyException;
import io.casty.cluster.EntityType;
import io.casty.spring.autoconfigure.CastyClientProperties;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks, before the test node starts, that the client's configuration can work against it: a
 * mistake here would otherwise show only as a client that never connects, or as messages that
 * reach the wrong shards.
 */
final class TestNodeCompatibility {

	private static final Logger logger = LoggerFactory.getLogger(TestNodeCompatibility.class);

	private final CastyClientProperties client;

	TestNodeCompatibility(CastyClientProperties client) {
		this.client = client;
	}

	void check(List<EntityType<?>> entityTypes) {
		checkPlaintext();
		Map<String, EntityType<?>> hosted = entityTypes.stream()
			// A name hosted twice is the node's to report, with the name.
			.collect(Collectors.toMap(EntityType::name, Function.identity(), (first, second) -> first));
		this.client.getEntities().forEach((shardType, entity) -> {
			EntityType<?> type = hosted.get(shardType);
			if (type == null) {
				// Not an error: a test may leave out entity types it does not use, or test how the
				// application copes with one the cluster does not host.
				logger.info("The Casty test node does not host casty.client.entities.{}: the test context has "
						+ "no EntityType bean named '{}' (it has {})", shardType, shardType, hosted.keySet());
			}
			else if (entity.getNumShards() != null && entity.getNumShards() != type.numShards()) {
				String property = "casty.client.entities." + shardType + ".num-shards";
				throw new InvalidCastyPropertyException(property,
						property + " is '" + entity.getNumShards() + "', but the test context's EntityType '"
								+ shardType + "' has " + type.numShards() + " shards; client and nodes must agree.",
						"Give " + property + " and the EntityType bean the same number of shards, the cluster's.");
			}
		});
	}

	/** The test node has no certificate to show, so a client that insists on TLS cannot reach it. */
	private void checkPlaintext() {
		String bundle = this.client.getSsl().getBundle();
		if (bundle != null) {
			throw new InvalidCastyPropertyException("casty.client.ssl.bundle", "casty.client.ssl.bundle is '" + bundle
					+ "', but the Casty test node accepts plaintext connections only.",
					"Leave casty.client.ssl.bundle unset in tests with @AutoConfigureCastyTestNode, for example by "
							+ "setting it in a profile the tests do not activate.");
		}
	}

}
