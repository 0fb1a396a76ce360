package io.casty.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.casty.client.ClusterClient;
import io.casty.client.EntityRef;
import io.casty.spring.testing.TestEntities;
import io.casty.spring.testing.TestEntities.AddPoints;
import io.casty.spring.testing.TestEntities.CountOrders;
import io.casty.spring.testing.TestEntities.GetPoints;
import io.casty.spring.testing.TestEntities.LoyaltyCommand;
import io.casty.spring.testing.TestEntities.OrderCommand;
import io.casty.spring.testing.TestEntities.PlaceOrder;
import io.casty.spring.testing.TestNode;
import io.casty.testing.FreePorts;
import io.casty.testing.LogCapture;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.ResolvableType;
import org.springframework.mock.env.MockEnvironment;

/** One EntityRef bean per configured entity type, injectable by generic type and by name. */
class EntityRefBeansTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final int port = FreePorts.next();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CastyClientAutoConfiguration.class))
		.withPropertyValues("casty.client.system-name=" + TestNode.SYSTEM_NAME,
				"casty.client.contact-points=127.0.0.1:" + this.port,
				"casty.client.message-classes=" + String.join(",",
						TestEntities.MESSAGES.stream().map(Class::getName).toList()),
				"casty.client.entities.loyalty.num-shards=" + TestEntities.LOYALTY_SHARDS,
				"casty.client.entities.loyalty.message-type=" + LoyaltyCommand.class.getName(),
				"casty.client.entities.orders.num-shards=" + TestEntities.ORDERS_SHARDS,
				"casty.client.entities.orders.message-type=" + OrderCommand.class.getName());

	@Test
	void entityRefsAreInjectedByTheirMessageTypeWhenTypesDiffer() {
		this.contextRunner.withUserConfiguration(ServiceConfiguration.class).run((context) -> {
			LoyaltyAndOrders service = context.getBean(LoyaltyAndOrders.class);
			assertThat(service.loyalty.shardType()).isEqualTo(TestEntities.LOYALTY);
			assertThat(service.loyalty.numShards()).isEqualTo(TestEntities.LOYALTY_SHARDS);
			assertThat(service.orders.shardType()).isEqualTo(TestEntities.ORDERS);
			assertThat(service.orders.numShards()).isEqualTo(TestEntities.ORDERS_SHARDS);
		});
	}

	@Test
	void aTypedInjectionPointGetsTheRefOfItsMessageTypeWhateverTheParameterIsCalled() {
		this.contextRunner.withUserConfiguration(CrossNamedConfiguration.class).run((context) -> {
			LoyaltyAndOrders service = context.getBean(LoyaltyAndOrders.class);
			assertThat(service.loyalty.shardType()).isEqualTo(TestEntities.LOYALTY);
			assertThat(service.orders.shardType()).isEqualTo(TestEntities.ORDERS);
		});
	}

	@Test
	void aTypedInjectionPointWithoutARefOfItsMessageTypeFailsStartupNamingTheConfiguredTypes() {
		String[] loyaltyTypedOnly = { "casty.client.system-name=" + TestNode.SYSTEM_NAME,
				"casty.client.contact-points=127.0.0.1:" + this.port,
				"casty.client.entities.loyalty.num-shards=" + TestEntities.LOYALTY_SHARDS,
				"casty.client.entities.loyalty.message-type=" + LoyaltyCommand.class.getName(),
				"casty.client.entities.orders.num-shards=" + TestEntities.ORDERS_SHARDS };
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(CastyClientAutoConfiguration.class))
			.withPropertyValues(loyaltyTypedOnly)
			.withUserConfiguration(OrdersByTypeConfiguration.class)
			.run((context) -> {
				assertThat(context).hasFailed();
				MockEnvironment environment = new MockEnvironment();
				for (String property : loyaltyTypedOnly) {
					environment.setProperty(property.substring(0, property.indexOf('=')),
							property.substring(property.indexOf('=') + 1));
				}
				FailureAnalysis analysis = new EntityRefInjectionFailureAnalyzer(environment)
					.analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("needs an EntityRef<" + OrderCommand.class.getName() + ">")
					.contains("no entity type in casty.client.entities has message-type " + OrderCommand.class.getName()
							+ "; configured: loyalty (message-type " + LoyaltyCommand.class.getName()
							+ "), orders (no message-type).");
				assertThat(analysis.getAction()).startsWith("Set casty.client.entities.loyalty.message-type="
						+ OrderCommand.class.getName());
			});
	}

	@Test
	void aSealedMessageTypeAllowsItsPermittedRecordsOnTheWireWithoutMessageClasses() {
		TestNode node = TestNode.start(this.port);
		try {
			new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(CastyClientAutoConfiguration.class))
				.withPropertyValues("casty.client.system-name=" + TestNode.SYSTEM_NAME,
						"casty.client.contact-points=127.0.0.1:" + this.port,
						"casty.client.entities.loyalty.num-shards=" + TestEntities.LOYALTY_SHARDS,
						"casty.client.entities.loyalty.message-type=" + LoyaltyCommand.class.getName())
				.run((context) -> {
					EntityRef<LoyaltyCommand> loyalty = TestEntities.loyaltyRef(context);
					loyalty.tell("user-1", new AddPoints(7));
					assertThat(loyalty.<Integer>ask("user-1", GetPoints::new, TIMEOUT).join()).isEqualTo(7);
				});
		}
		finally {
			node.close();
		}
	}

	@Test
	void entityRefsAreNamedAfterTheirShardTypeAndSelectedByQualifier() {
		this.contextRunner.withUserConfiguration(QualifiedConfiguration.class).run((context) -> {
			assertThat(context).hasBean(TestEntities.LOYALTY).hasBean(TestEntities.ORDERS);
			assertThat(context.getBean(QualifiedService.class).orders.shardType()).isEqualTo(TestEntities.ORDERS);
			assertThat(context.getBeanNamesForType(ResolvableType.forClassWithGenerics(EntityRef.class,
					LoyaltyCommand.class)))
				.containsExactly(TestEntities.LOYALTY);
		});
	}

	@Test
	void entityRefsAreTheClientsCachedRefs() {
		this.contextRunner.run((context) -> {
			ClusterClient client = context.getBean(ClusterClient.class);
			assertThat(context.getBean(TestEntities.LOYALTY))
				.isSameAs(client.entityRef(TestEntities.LOYALTY, TestEntities.LOYALTY_SHARDS));
		});
	}

	@Test
	void entityTypeWithoutMessageTypeIsInjectableByQualifier() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(CastyClientAutoConfiguration.class))
			.withPropertyValues("casty.client.system-name=" + TestNode.SYSTEM_NAME,
					"casty.client.contact-points=127.0.0.1:" + this.port, "casty.client.entities.orders.num-shards=4")
			.withUserConfiguration(QualifiedService.class)
			.run((context) -> assertThat(context.getBean(QualifiedService.class).orders.numShards()).isEqualTo(4));
	}

	@Test
	void beanTheApplicationDefinesUnderTheShardTypesNameWinsAndTheLogSaysSo() {
		try (LogCapture log = LogCapture.of(EntityRefBeanRegistrar.class.getName())) {
			this.contextRunner.withUserConfiguration(UserLoyaltyBean.class)
				.run((context) -> assertThat(context.getBean(TestEntities.LOYALTY)).isEqualTo("not an entity ref"));
			assertThat(log.messages()).contains("INFO casty.client.entities.loyalty: the application defines a bean named "
					+ "'loyalty', so no EntityRef bean is registered under that name; rename that bean if it is not "
					+ "meant to replace the ref");
		}
	}

	@Test
	void noEntitiesConfiguredMeansNoEntityRefBeans() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(CastyClientAutoConfiguration.class))
			.withPropertyValues("casty.client.system-name=" + TestNode.SYSTEM_NAME,
					"casty.client.contact-points=127.0.0.1:" + this.port)
			.run((context) -> assertThat(context).doesNotHaveBean(EntityRef.class));
	}

	@Test
	void injectedEntityRefsTellAndAskTheirEntities() {
		TestNode node = TestNode.start(this.port);
		try {
			this.contextRunner.withUserConfiguration(ServiceConfiguration.class).run((context) -> {
				LoyaltyAndOrders service = context.getBean(LoyaltyAndOrders.class);
				service.loyalty.tell("user-1", new AddPoints(100));
				service.loyalty.tell("user-1", new AddPoints(50));
				service.orders.tell("user-1", new PlaceOrder("coffee"));

				assertThat(service.loyalty.<Integer>ask("user-1", GetPoints::new, TIMEOUT).join()).isEqualTo(150);
				assertThat(service.orders.<Integer>ask("user-1", CountOrders::new, TIMEOUT).join()).isEqualTo(1);
			});
		}
		finally {
			node.close();
		}
	}

	record LoyaltyAndOrders(EntityRef<LoyaltyCommand> loyalty, EntityRef<OrderCommand> orders) {
	}

	@Configuration(proxyBeanMethods = false)
	static class ServiceConfiguration {

		@Bean
		LoyaltyAndOrders loyaltyAndOrders(EntityRef<LoyaltyCommand> loyalty, EntityRef<OrderCommand> orders) {
			return new LoyaltyAndOrders(loyalty, orders);
		}

	}

	/** Each parameter is called after the other entity type: the generic type decides, not the name. */
	@Configuration(proxyBeanMethods = false)
	static class CrossNamedConfiguration {

		@Bean
		LoyaltyAndOrders loyaltyAndOrders(EntityRef<LoyaltyCommand> orders, EntityRef<OrderCommand> loyalty) {
			return new LoyaltyAndOrders(orders, loyalty);
		}

	}

	/** Asks for the orders ref by type and name while orders has no message type. */
	@Configuration(proxyBeanMethods = false)
	static class OrdersByTypeConfiguration {

		@Bean
		String ordersUser(EntityRef<OrderCommand> orders) {
			return orders.shardType();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@Import(QualifiedService.class)
	static class QualifiedConfiguration {

	}

	static class QualifiedService {

		final EntityRef<?> orders;

		QualifiedService(@Qualifier("orders") EntityRef<?> orders) {
			this.orders = orders;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserLoyaltyBean {

		@Bean(TestEntities.LOYALTY)
		String loyalty() {
			return "not an entity ref";
		}

	}

}
