package io.casty.spring.test;

import static org.assertj.core.api.Assertions.assertThat;

import io.casty.InvalidCastyPropertyException;
import io.casty.actor.ActorRef;
import io.casty.actor.Behaviors;
import io.casty.client.ClusterClient;
import io.casty.client.EntityRef;
import io.casty.cluster.ClusteredActorSystem;
import io.casty.cluster.EntityType;
import io.casty.persistence.Persistence;
import io.casty.protocol.ProtocolMessages;
import io.casty.spring.autoconfigure.CastyClientAutoConfiguration;
import io.casty.spring.autoconfigure.CastyClientConnectionDetails;
import io.casty.spring.autoconfigure.CastyClientConnectionDetails.Node;
import io.casty.spring.autoconfigure.node.CastyNodeAutoConfiguration;
import io.casty.spring.test.greeter.Greeter;
import io.casty.spring.test.greeter.GreeterCommand;
import io.casty.spring.test.greeter.GreeterCommand.CountGreetings;
import io.casty.spring.test.greeter.GreeterCommand.Greet;
import io.casty.testing.FreePorts;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What the test node takes from the client's configuration, and how it lives with the context. */
class CastyTestNodeAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(CastyTestNodeAutoConfiguration.class, CastyClientAutoConfiguration.class))
		.withPropertyValues("casty.client.entities.greeter.num-shards=4",
				"casty.client.entities.greeter.message-type=" + GreeterCommand.class.getName())
		.withUserConfiguration(GreeterEntity.class);

	@Test
	void twoContextsGetTwoNodesThatDoNotCollide() {
		this.contextRunner.run((first) -> this.contextRunner.run((second) -> {
			CastyTestNode firstNode = first.getBean(CastyTestNode.class);
			CastyTestNode secondNode = second.getBean(CastyTestNode.class);
			assertThat(firstNode.port()).isNotEqualTo(secondNode.port());

			greeter(first).tell("ann", new Greet("hello"));
			greeter(first).tell("ann", new Greet("hi"));
			greeter(second).tell("ann", new Greet("hello"));

			assertThat(greeter(first).ask("ann", CountGreetings::new).join()).isEqualTo(2);
			assertThat(greeter(second).ask("ann", CountGreetings::new).join()).isEqualTo(1);
			assertThat(firstNode.node().topology().orElseThrow().members()).hasSize(1);
			assertThat(secondNode.node().topology().orElseThrow().members()).hasSize(1);
		}));
	}

	@Test
	void theNodeReplacesTheConfiguredContactPointsAndIsUpBeforeAFailFastClientStarts() {
		this.contextRunner
			.withPropertyValues("casty.client.system-name=greeter-cluster",
					"casty.client.contact-points=greeter-node-1.invalid:25520", "casty.client.startup.mode=fail-fast")
			.run((context) -> {
				CastyTestNode node = context.getBean(CastyTestNode.class);
				assertThat(node.systemName()).isEqualTo("greeter-cluster");
				assertThat(node.host()).isEqualTo("127.0.0.1");
				assertThat(context.getBean(CastyClientConnectionDetails.class).getContactPoints())
					.containsExactly(new Node("127.0.0.1", node.port()));
				assertThat(context.getBean(ClusterClient.class).state().isConnected()).isTrue();
			});
	}

	@Test
	void withoutASystemNameTheNodeAndTheClientUseTheDefaultOne() {
		this.contextRunner.run((context) -> {
			assertThat(context.getBean(CastyTestNode.class).systemName()).isEqualTo(CastyTestNode.DEFAULT_SYSTEM_NAME);
			assertThat(context.getBean(CastyClientConnectionDetails.class).getSystemName())
				.isEqualTo(CastyTestNode.DEFAULT_SYSTEM_NAME);
			assertThat(greeter(context).ask("ann", CountGreetings::new).join()).isZero();
		});
	}

	@Test
	void closingTheContextStopsTheNodeAndReleasesItsPort() throws IOException {
		AtomicInteger port = new AtomicInteger();
		this.contextRunner.run((context) -> port.set(context.getBean(CastyTestNode.class).port()));

		try (ServerSocket rebound = new ServerSocket(port.get(), 1, InetAddress.getByName("127.0.0.1"))) {
			assertThat(rebound.isBound()).isTrue();
		}
	}

	@Test
	void messageClassesOfAnOpenMessageTypeAreRegisteredFromTheClientsProperties() {
		this.contextRunner.withUserConfiguration(EchoEntity.class)
			.withPropertyValues("casty.client.entities.echo.num-shards=2",
					"casty.client.message-classes=" + Echo.class.getName())
			.run((context) -> {
				@SuppressWarnings("unchecked")
				EntityRef<Object> echo = context.getBean("echo", EntityRef.class);
				assertThat(echo.<String>ask("ann", (replyTo) -> new Echo("hello", replyTo)).join())
					.isEqualTo("hello");
			});
	}

	@Test
	void theClientsClusterSecretIsTheNodesToo() {
		this.contextRunner.withPropertyValues("casty.client.cluster-secret=a-secret-of-the-tests", "casty.client.startup.mode=fail-fast")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(greeter(context).ask("ann", CountGreetings::new).join()).isZero();
			});
	}

	@Test
	void shardCountThatDiffersFromTheEntityTypesFailsStartupNamingTheProperty() {
		this.contextRunner.withPropertyValues("casty.client.entities.greeter.num-shards=5")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(InvalidCastyPropertyException.class)
				.hasMessage("casty.client.entities.greeter.num-shards is '5', but the test context's EntityType "
						+ "'greeter' has 4 shards; client and nodes must agree. Give "
						+ "casty.client.entities.greeter.num-shards and the EntityType bean the same number of "
						+ "shards, the cluster's."));
	}

	@Test
	void clientThatInsistsOnTlsFailsStartupNamingTheProperty() {
		this.contextRunner.withPropertyValues("casty.client.ssl.bundle=cluster")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(InvalidCastyPropertyException.class)
				.hasMessageStartingWith("casty.client.ssl.bundle is 'cluster', but the Casty test node accepts "
						+ "plaintext connections only."));
	}

	@Test
	void entityTypeBeanNamedAfterItsShardTypeFailsStartupSayingHowToNameIt() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(CastyTestNodeAutoConfiguration.class, CastyClientAutoConfiguration.class))
			.withPropertyValues("casty.client.entities.greeter.num-shards=4")
			.withUserConfiguration(GreeterEntityNamedGreeter.class)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.isInstanceOf(InvalidCastyPropertyException.class)
				.hasMessage("The EntityType bean 'greeter' has the name of the EntityRef bean for "
						+ "casty.client.entities.greeter, so it replaces that EntityRef and nothing can inject it. "
						+ "Name the EntityType bean otherwise, for example greeterEntityType."));
	}

	@Test
	void applicationThatIsANodeItselfKeepsItsNodeWhileTheClientReachesTheTestNode() {
		int appPort = FreePorts.next();
		this.contextRunner
			.withConfiguration(AutoConfigurations.of(CastyNodeAutoConfiguration.class))
			.withPropertyValues("casty.node.system-name=greeter-cluster", "casty.node.port=" + appPort,
					"casty.node.message-classes=" + Greet.class.getName() + "," + CountGreetings.class.getName())
			.run((context) -> {
				assertThat(context).hasSingleBean(ClusteredActorSystem.class).hasSingleBean(CastyTestNode.class);
				CastyTestNode testNode = context.getBean(CastyTestNode.class);
				assertThat(context.getBean(ClusteredActorSystem.class).address().port()).isEqualTo(appPort);
				assertThat(testNode.port()).isNotEqualTo(appPort);
				assertThat(context.getBean(CastyClientConnectionDetails.class).getContactPoints())
					.containsExactly(new Node("127.0.0.1", testNode.port()));

				greeter(context).tell("ann", new Greet("hello"));
				assertThat(greeter(context).ask("ann", CountGreetings::new).join()).isEqualTo(1);
				assertThat(testNode.node().runningEntities("greeter")).isEqualTo(1);
			});
	}

	@Test
	void contextWithPlainEntityTypesOnlyNeverOpensTheJournal() {
		// Not AssertJ's hasBean: it would create the bean.
		this.contextRunner.run((context) -> {
			assertThat(context.getBeanFactory().containsBeanDefinition("castyTestJournal")).isTrue();
			assertThat(context.getBeanFactory().containsSingleton("castyTestJournal")).isFalse();
		});
	}

	@Test
	void persistenceOfTheContextsOwnReplacesTheTestNodes() {
		this.contextRunner.withUserConfiguration(OwnPersistence.class)
			.run((context) -> assertThat(context).hasSingleBean(Persistence.class)
				.hasBean("ownPersistence")
				.doesNotHaveBean("castyTestJournal"));
	}

	@SuppressWarnings("unchecked")
	private static EntityRef<GreeterCommand> greeter(BeanFactory beans) {
		return (EntityRef<GreeterCommand>) beans.getBean("greeter", EntityRef.class);
	}

	/** A message of an open type: only casty.client.message-classes registers it. */
	record Echo(String text, ActorRef<String> replyTo) {
	}

	@Configuration(proxyBeanMethods = false)
	static class GreeterEntity {

		@Bean
		EntityType<GreeterCommand> greeterEntityType() {
			return EntityType.of("greeter", 4, (id) -> Greeter.counting(0));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class EchoEntity {

		@Bean
		EntityType<Object> echoEntityType() {
			return EntityType.of("echo", 2, (id) -> Behaviors.receiveMessage((message) -> {
				Echo echo = (Echo) message;
				echo.replyTo().tell(echo.text());
				return Behaviors.same();
			}));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class GreeterEntityNamedGreeter {

		@Bean
		EntityType<GreeterCommand> greeter() {
			return EntityType.of("greeter", 4, (id) -> Greeter.counting(0));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnPersistence {

		@Bean(destroyMethod = "close")
		InMemoryJournal ownJournal() {
			return new InMemoryJournal();
		}

		@Bean
		Persistence ownPersistence(InMemoryJournal ownJournal) {
			return Persistence.builder(ownJournal.journal(), ProtocolMessages.registry().build()).build();
		}

	}

}
