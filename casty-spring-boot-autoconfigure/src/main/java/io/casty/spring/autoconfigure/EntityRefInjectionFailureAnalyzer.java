package io.casty.spring.autoconfigure;

import io.casty.client.EntityRef;
import io.casty.spring.autoconfigure.CastyClientProperties.Entity;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.analyzer.AbstractInjectionFailureAnalyzer;
import org.springframework.core.Ordered;
import org.springframework.core.ResolvableType;
import org.springframework.core.env.Environment;

/**
 * Explains an {@code EntityRef<X>} injection point that no configured entity type satisfies:
 * which message type it asked for, which entity types are configured with which message types,
 * and the two fixes. Runs before Spring Boot's generic analysis of a missing bean, which could
 * only say that no {@code EntityRef} bean matched.
 */
class EntityRefInjectionFailureAnalyzer extends AbstractInjectionFailureAnalyzer<NoSuchBeanDefinitionException>
		implements Ordered {

	private final Environment environment;

	EntityRefInjectionFailureAnalyzer(Environment environment) {
		this.environment = environment;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, NoSuchBeanDefinitionException cause, String description) {
		ResolvableType wanted = cause.getResolvableType();
		if (wanted == null || wanted.resolve() != EntityRef.class) {
			return null;
		}
		Class<?> messageType = wanted.getGeneric(0).resolve();
		Map<String, Entity> entities;
		try {
			entities = EntityTypesBinder.bind(this.environment);
		}
		catch (RuntimeException invalid) {
			// The configuration itself is wrong; that failure is reported where it happens.
			return null;
		}
		String injectionPoint = (description != null) ? description : "An injection point";
		String asked = (messageType != null) ? "EntityRef<" + messageType.getName() + ">" : wanted.toString();
		return new FailureAnalysis(injectionPoint + " needs an " + asked + ", but " + configured(entities, messageType),
				action(entities, messageType), cause);
	}

	private static String configured(Map<String, Entity> entities, Class<?> messageType) {
		if (entities.isEmpty()) {
			return "no entity type is configured (casty.client.entities is empty).";
		}
		String types = entities.entrySet()
			.stream()
			.map((entry) -> entry.getKey() + " (" + ((entry.getValue().getMessageType() != null)
					? "message-type " + entry.getValue().getMessageType().getName() : "no message-type") + ")")
			.collect(Collectors.joining(", "));
		return "no entity type in casty.client.entities has message-type "
				+ ((messageType != null) ? messageType.getName() : "matching it") + "; configured: " + types + ".";
	}

	private static String action(Map<String, Entity> entities, Class<?> messageType) {
		String example = entities.isEmpty() ? "<shard-type>" : entities.keySet().iterator().next();
		String type = (messageType != null) ? messageType.getName() : "<message class>";
		return "Set casty.client.entities." + example + ".message-type=" + type + " (with its num-shards) on the entity "
				+ "type this injection point is for, or inject that entity type by name: @Qualifier(\"" + example
				+ "\") EntityRef<?>.";
	}

}
