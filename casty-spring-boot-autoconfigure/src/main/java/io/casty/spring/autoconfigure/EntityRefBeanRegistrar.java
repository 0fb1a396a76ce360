package io.casty.spring.autoconfigure;

import io.casty.client.EntityRef;
import io.casty.spring.autoconfigure.CastyClientProperties.Entity;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.support.AutowireCandidateQualifier;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.ResolvableType;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotationMetadata;

/**
 * Registers one {@link EntityRef} bean per {@code casty.client.entities.<shard-type>} entry,
 * named after the shard type (so {@code @Qualifier("loyalty")} selects it) and typed
 * {@code EntityRef<message-type>}, so an {@code EntityRef<LoyaltyCommand>} injection point gets
 * the ref whose message type is exactly {@code LoyaltyCommand}, whatever the parameter is
 * called, and fails startup if none has it ({@link EntityRefInjectionFailureAnalyzer} names the
 * configured types). A ref without a message type only satisfies {@code EntityRef<?>}. Definitions are registered before any bean is created,
 * which is why the entries are bound here from the environment rather than from the
 * {@link CastyClientProperties} bean. A bean the application defines under the same name wins.
 */
class EntityRefBeanRegistrar implements ImportBeanDefinitionRegistrar {

	private static final Log logger = LogFactory.getLog(EntityRefBeanRegistrar.class);

	private final Environment environment;

	EntityRefBeanRegistrar(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void registerBeanDefinitions(AnnotationMetadata importingClassMetadata, BeanDefinitionRegistry registry) {
		EntityTypesBinder.bind(this.environment).forEach((shardType, entity) -> {
			if (!registry.containsBeanDefinition(shardType)) {
				registry.registerBeanDefinition(shardType, definition(shardType, entity));
			}
			else {
				// Often by accident: an EntityType @Bean method named after its shard type.
				logger.info("casty.client.entities." + shardType + ": the application defines a bean named '" + shardType
						+ "', so no EntityRef bean is registered under that name; rename that bean if it is not meant "
						+ "to replace the ref");
			}
		});
	}

	private static RootBeanDefinition definition(String shardType, Entity entity) {
		RootBeanDefinition definition = new RootBeanDefinition(EntityRefFactory.class);
		definition.setFactoryMethodName("entityRef");
		// The client (argument 0) is autowired by type rather than looked up, so the context
		// records the dependency and closes the client only after the beans that use these refs.
		definition.setAutowireMode(RootBeanDefinition.AUTOWIRE_CONSTRUCTOR);
		definition.getConstructorArgumentValues().addIndexedArgumentValue(1, shardType);
		definition.getConstructorArgumentValues().addIndexedArgumentValue(2, entity.getNumShards());
		// A ref without a message type is EntityRef<Object>, not a raw EntityRef: Spring lets a raw
		// type satisfy any EntityRef<X> injection point, which would hand a typed parameter a ref
		// of another entity type. EntityRef<?> and @Qualifier still reach it.
		definition.setTargetType(ResolvableType.forClassWithGenerics(EntityRef.class,
				(entity.getMessageType() != null) ? entity.getMessageType() : Object.class));
		definition.addQualifier(new AutowireCandidateQualifier(Qualifier.class, shardType));
		return definition;
	}

}
