package io.casty.spring.test;

import io.casty.InvalidCastyPropertyException;
import io.casty.cluster.EntityType;
import io.casty.spring.autoconfigure.CastyClientProperties.Entity;
import java.util.Map;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * Fails startup when an {@link EntityType} bean is named after a {@code casty.client.entities}
 * entry. The client's {@code EntityRef} bean for the entry takes that name, and a bean of the
 * application's under it replaces the ref, so the test would find no {@code EntityRef} and say
 * only that. The natural {@code @Bean} method for the {@code greeter} entity type,
 * {@code greeter()}, makes exactly this mistake; the check runs before any bean is created.
 */
final class EntityTypeBeanNameCheck implements BeanFactoryPostProcessor {

	private final Environment environment;

	EntityTypeBeanNameCheck(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
		Map<String, Entity> entities = Binder.get(this.environment)
			.bind("casty.client.entities", Bindable.mapOf(String.class, Entity.class))
			.orElse(Map.of());
		for (String shardType : entities.keySet()) {
			if (beanFactory.containsBeanDefinition(shardType) && beanFactory.isTypeMatch(shardType, EntityType.class)) {
				String property = "casty.client.entities." + shardType;
				throw new InvalidCastyPropertyException(property, "The EntityType bean '" + shardType
						+ "' has the name of the EntityRef bean for " + property
						+ ", so it replaces that EntityRef and nothing can inject it.",
						"Name the EntityType bean otherwise, for example " + shardType + "EntityType.");
			}
		}
	}

}
