package io.casty.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.casty.client.ClientState;
import io.casty.client.ClusterClient;
import io.casty.client.ClusterUnavailableException;
import io.casty.client.EntityRef;
import io.casty.spring.testing.Failures;
import io.casty.spring.testing.TestEntities;
import io.casty.spring.testing.TestEntities.GetPoints;
import io.casty.spring.testing.TestEntities.LoyaltyCommand;
import io.casty.spring.testing.TestNode;
import io.casty.testing.FreePorts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/** The client bean, its connection details, customizers, startup modes and back-off. */
class CastyClientAutoConfigurationTests {

	private final int port = FreePorts.next();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CastyClientAutoConfiguration.class))
		.withPropertyValues("casty.client.system-name=" + TestNode.SYSTEM_NAME,
				"casty.client.contact-points=127.0.0.1:" + this.port, "casty.client.reconnect-backoff.min=20ms",
				"casty.client.reconnect-backoff.max=200ms");

	@Test
	void runWithContactPointsShouldCreateClientFromPropertiesConnectionDetails() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(ClusterClient.class)
				.hasSingleBean(PropertiesCastyClientConnectionDetails.class);
			ClusterClient client = context.getBean(ClusterClient.class);
			assertThat(client.address().system()).isEqualTo(TestNode.SYSTEM_NAME);
			assertThatThrownBy(() -> client.awaitTopology(Duration.ofMillis(50)))
				.isInstanceOf(ClusterUnavailableException.class)
				.hasMessageContaining("127.0.0.1:" + this.port);
		});
	}

	@Test
	void runWithoutClientOnClasspathShouldBackOff() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(ClusterClient.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(CastyClientProperties.class)
				.doesNotHaveBean("castyClientConnectionDetails"));
	}

	@Test
	void closingTheContextShouldCloseTheClient() {
		AtomicReference<ClusterClient> client = new AtomicReference<>();
		this.contextRunner.run((context) -> client.set(context.getBean(ClusterClient.class)));

		assertThat(client.get().state().status()).isEqualTo(ClientState.Status.CLOSED);
	}

	@Test
	void runWithUserClusterClientShouldBackOffAndGiveItsEntityRefs() {
		this.contextRunner.withUserConfiguration(UserClientConfiguration.class)
			.withPropertyValues("casty.client.entities.loyalty.num-shards=10")
			.run((context) -> {
				assertThat(context).hasSingleBean(ClusterClient.class);
				ClusterClient client = context.getBean(ClusterClient.class);
				assertThat(client.address().system()).isEqualTo("user-cluster");
				assertThat(context.getBean(TestEntities.LOYALTY)).isSameAs(client.entityRef(TestEntities.LOYALTY, 10));
			});
	}

	@Test
	void runWithUserClusterClientShouldNotNeedContactPoints() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(CastyClientAutoConfiguration.class))
			.withUserConfiguration(UserClientConfiguration.class)
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(ClusterClient.class));
	}

	@Test
	void runWithUserConnectionDetailsShouldUseThemInsteadOfProperties() {
		int otherPort = FreePorts.next();
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(CastyClientAutoConfiguration.class))
			.withBean(CastyClientConnectionDetails.class, () -> new TestConnectionDetails("other-cluster", otherPort))
			.run((context) -> {
				assertThat(context).hasSingleBean(CastyClientConnectionDetails.class)
					.doesNotHaveBean(PropertiesCastyClientConnectionDetails.class);
				ClusterClient client = context.getBean(ClusterClient.class);
				assertThat(client.address().system()).isEqualTo("other-cluster");
				assertThatThrownBy(() -> client.awaitTopology(Duration.ofMillis(50)))
					.hasMessageContaining("127.0.0.1:" + otherPort);
			});
	}

	@Test
	void customizersShouldBeAppliedInOrderBeforeTheClientIsBuilt() {
		this.contextRunner.withUserConfiguration(OrderedCustomizers.class)
			.withPropertyValues("casty.client.ask-timeout=5s", "casty.client.entities.loyalty.num-shards=10",
					"casty.client.message-classes=" + GetPoints.class.getName())
			.run((context) -> {
				assertThat(context.getBean(OrderedCustomizers.class).calls).containsExactly("first", "second");
				EntityRef<LoyaltyCommand> loyalty = TestEntities.loyaltyRef(context);
				// the second customizer's ask timeout wins over the property and the first customizer
				assertThatThrownBy(() -> loyalty.<Integer>ask("user-1", GetPoints::new).join())
					.isInstanceOf(CompletionException.class)
					.cause()
					.isInstanceOf(ClusterUnavailableException.class)
					.hasMessageContaining("within 150 ms");
			});
	}

	@Test
	void askTimeoutPropertyShouldBeTheDefaultTimeoutOfAsks() {
		this.contextRunner
			.withPropertyValues("casty.client.ask-timeout=120ms", "casty.client.entities.loyalty.num-shards=10",
					"casty.client.message-classes=" + GetPoints.class.getName())
			.run((context) -> {
				EntityRef<LoyaltyCommand> loyalty = TestEntities.loyaltyRef(context);
				assertThatThrownBy(() -> loyalty.<Integer>ask("user-1", GetPoints::new).join())
					.cause()
					.isInstanceOf(ClusterUnavailableException.class)
					.hasMessageContaining("within 120 ms");
			});
	}

	@Test
	void backgroundStartupShouldStartWithTheClusterDownAndConnectLater() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasNotFailed();
			ClusterClient client = context.getBean(ClusterClient.class);
			assertThat(client.state().isConnected()).isFalse();
			try (TestNode node = TestNode.start(this.port)) {
				assertThat(client.awaitTopology(Duration.ofSeconds(10)).members())
					.extracting((member) -> member.address().hostPort())
					.containsExactly(node.hostPort());
			}
		});
	}

	@Test
	void failFastStartupShouldRefuseToStartWhenTheClusterIsDownNamingTheContactPoints() {
		this.contextRunner
			.withPropertyValues("casty.client.startup.mode=fail-fast", "casty.client.startup.timeout=300ms")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(Failures.causeOf(context.getStartupFailure(), CastyClusterUnreachableException.class))
					.hasMessageStartingWith("Casty cluster 'test-cluster' sent no topology within 300 ms "
							+ "(casty.client.startup.mode=fail-fast); contact points [127.0.0.1:" + this.port + "]; "
							+ "last error: Connection refused")
					.hasCauseInstanceOf(ClusterUnavailableException.class);
			});
	}

	@Test
	void failFastStartupShouldWaitForTheTopologyWhenTheClusterIsUp() {
		try (TestNode node = TestNode.start(this.port)) {
			this.contextRunner.withPropertyValues("casty.client.startup.mode=fail-fast").run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(ClusterClient.class).state().topology()).isPresent();
				assertThat(context.getBean(ClusterClient.class).contactPoint())
					.hasValueSatisfying((contactPoint) -> assertThat(contactPoint.hostPort()).isEqualTo(node.hostPort()));
			});
		}
	}

	@Test
	void failFastStartupShouldFailAtOnceNamingTheSystemNameWhenTheNodesRefuseIt() {
		try (TestNode node = TestNode.start(this.port)) {
			// Long before the minute it may wait: the nodes' refusal cannot change while it waits.
			assertTimeoutPreemptively(Duration.ofSeconds(10), () -> this.contextRunner
				.withPropertyValues("casty.client.system-name=wrong-cluster", "casty.client.startup.mode=fail-fast",
						"casty.client.startup.timeout=1m")
				.run((context) -> {
					assertThat(context).hasFailed();
					FailureAnalysis analysis = new InvalidCastyPropertyFailureAnalyzer()
						.analyze(context.getStartupFailure());
					assertThat(analysis.getDescription()).isEqualTo("Invalid Casty client configuration: "
							+ "casty.client.system-name is 'wrong-cluster', but every contact point refused it: "
							+ node.hostPort() + " is a node of system 'test-cluster'.");
					assertThat(analysis.getAction()).isEqualTo("Set casty.client.system-name to the nodes' "
							+ "casty.node.system-name ('test-cluster'), or correct casty.client.contact-points ["
							+ node.hostPort() + "] if those are another cluster's nodes.");
				}));
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class UserClientConfiguration {

		@Bean(destroyMethod = "close")
		ClusterClient userClusterClient() {
			return ClusterClient.builder().systemName("user-cluster").contactPoints("127.0.0.1:1").build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OrderedCustomizers {

		final List<String> calls = new ArrayList<>();

		@Bean
		@Order(2)
		ClusterClientBuilderCustomizer second() {
			return (builder) -> {
				this.calls.add("second");
				builder.askTimeout(Duration.ofMillis(150));
			};
		}

		@Bean
		@Order(1)
		ClusterClientBuilderCustomizer first() {
			return (builder) -> {
				this.calls.add("first");
				builder.askTimeout(Duration.ofMillis(900));
			};
		}

	}

	record TestConnectionDetails(String systemName, int port) implements CastyClientConnectionDetails {

		@Override
		public String getSystemName() {
			return this.systemName;
		}

		@Override
		public List<Node> getContactPoints() {
			return List.of(new Node("127.0.0.1", this.port));
		}

	}

}
