package io.casty.spring.autoconfigure;

import io.casty.InvalidCastyPropertyException;
import io.casty.spring.autoconfigure.CastyClientProperties.Entity;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.UnboundConfigurationPropertiesException;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.core.env.Environment;
import org.springframework.util.ObjectUtils;

/**
 * Reads {@code casty.client.entities} from the environment, before any bean exists, and rejects
 * what would otherwise fail later or silently: unknown keys (a misspelt {@code num-shards} would
 * be ignored by ordinary binding), missing or non-positive shard counts, and message types that
 * are not classes.
 */
final class EntityTypesBinder {

	static final String PREFIX = "casty.client.entities";

	private static final String SETTINGS = "An entity type takes num-shards (its number of shards, the same as the "
			+ "cluster's) and message-type (the fully qualified name of its message class)";

	private EntityTypesBinder() {
	}

	static Map<String, Entity> bind(Environment environment) {
		try {
			Map<String, Entity> entities = Binder.get(environment)
				.bind(PREFIX, Bindable.mapOf(String.class, Entity.class), new NoUnboundElementsBindHandler(BindHandler.DEFAULT))
				.orElse(Map.of());
			entities.forEach(EntityTypesBinder::validate);
			return entities;
		}
		catch (BindException ex) {
			throw translate(ex);
		}
	}

	private static void validate(String shardType, Entity entity) {
		String property = PREFIX + "." + shardType + ".num-shards";
		Integer numShards = entity.getNumShards();
		String action = "Set " + property + " to the number of shards the cluster uses for '" + shardType
				+ "', for example " + property + "=10.";
		if (numShards == null) {
			throw new InvalidCastyPropertyException(property, property + " is not set.", action);
		}
		if (numShards <= 0) {
			throw new InvalidCastyPropertyException(property,
					property + " is '" + numShards + "', but an entity type has at least one shard.", action);
		}
	}

	private static InvalidCastyPropertyException translate(BindException ex) {
		if (ex.getCause() instanceof UnboundConfigurationPropertiesException unbound) {
			String names = unbound.getUnboundProperties()
				.stream()
				.map(EntityTypesBinder::describe)
				.collect(Collectors.joining(", "));
			String first = unbound.getUnboundProperties().iterator().next().getName().toString();
			return new InvalidCastyPropertyException(first,
					"Unknown entity type setting " + names + ".",
					SETTINGS + "; correct or remove the unknown keys, for example " + PREFIX
							+ ".loyalty.num-shards=10.",
					ex);
		}
		ConfigurationProperty property = ex.getProperty();
		String name = (property != null) ? property.getName().toString() : ex.getName().toString();
		String value = (property != null) ? String.valueOf(property.getValue()) : "";
		if (name.endsWith(".message-type")) {
			return new InvalidCastyPropertyException(name,
					name + " is '" + value + "', which is not a class on the application's class path.",
					"Set " + name + " to the fully qualified name of the entity type's message class, for example "
							+ "com.example.loyalty.LoyaltyCommand.",
					ex);
		}
		return new InvalidCastyPropertyException(name,
				name + " is '" + value + "', which cannot be read: " + rootMessage(ex) + ".",
				SETTINGS + "; correct " + name + ".", ex);
	}

	private static String describe(ConfigurationProperty property) {
		String origin = (property.getOrigin() != null) ? " (" + property.getOrigin() + ")" : "";
		return property.getName() + "='" + ObjectUtils.nullSafeToString(property.getValue()) + "'" + origin;
	}

	private static String rootMessage(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return (root.getMessage() != null) ? root.getMessage() : root.getClass().getSimpleName();
	}

}
