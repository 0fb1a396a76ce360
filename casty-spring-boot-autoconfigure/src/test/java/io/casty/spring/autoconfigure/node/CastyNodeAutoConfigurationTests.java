package io.casty.spring.autoconfigure.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.casty.InvalidCastyPropertyException;
import io.casty.client.ClusterClient;
import io.casty.client.EntityRef;
import io.casty.cluster.ClusteredActorSystem;
import io.casty.cluster.EntityType;
import io.casty.persistence.Effect;
import io.casty.persistence.EventSourcedEntity;
import io.casty.persistence.Persistence;
import io.casty.persistence.jdbc.JdbcJournal;
import io.casty.spring.autoconfigure.node.health.CastyNodeHealthContributorAutoConfiguration;
import io.casty.spring.autoconfigure.node.health.CastyNodeHealthIndicator;
import io.casty.spring.autoconfigure.node.persistence.CastyNodePersistenceAutoConfiguration;
import io.casty.spring.testing.StoppedObservations;
import io.casty.spring.testing.TestEntities;
import io.casty.spring.testing.TestEntities.AddPoints;
import io.casty.spring.testing.TestEntities.GetPoints;
import io.casty.spring.testing.TestEntities.LoyaltyCommand;
import io.casty.testing.Dnsmasq;
import io.casty.testing.FreePorts;
import io.micrometer.common.KeyValues;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** A plain Spring Boot application becomes a node by its auto-configuration and hosts its own entity types. */
class CastyNodeAutoConfigurationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final String SYSTEM_NAME = "plain-app-cluster";

	private final int port = FreePorts.next();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CastyNodeAutoConfiguration.class,
				CastyNodeHealthContributorAutoConfiguration.class, CastyNodePersistenceAutoConfiguration.class))
		.withPropertyValues("casty.node.system-name=" + SYSTEM_NAME, "casty.node.host=127.0.0.1",
				"casty.node.port=" + this.port, "casty.node.message-classes="
						+ String.join(",", TestEntities.MESSAGES.stream().map(Class::getName).toList()));

	@Test
	void aPlainApplicationHostsItsOwnEntityTypeAndAClientReachesIt() {
		this.contextRunner.withUserConfiguration(UserEntities.class).run((context) -> {
			ClusteredActorSystem node = context.getBean(ClusteredActorSystem.class);
			node.awaitAllocations(TIMEOUT);
			CastyNodeHealthIndicator health = context.getBean(CastyNodeHealthIndicator.class);
			await().atMost(TIMEOUT).until(() -> health.health().getStatus(), Status.UP::equals);

			try (ClusterClient client = ClusterClient.builder()
				.systemName(SYSTEM_NAME)
				.contactPoints("127.0.0.1:" + this.port)
				.registerMessages(TestEntities.MESSAGES)
				.build()) {
				EntityRef<LoyaltyCommand> loyalty = client.entityRef(TestEntities.LOYALTY, TestEntities.LOYALTY_SHARDS);
				loyalty.tell("user-1", new AddPoints(5));
				assertThat(loyalty.<Integer>ask("user-1", GetPoints::new, TIMEOUT).join()).isEqualTo(5);
			}
		});
	}

	@Test
	void withAnObservationRegistryEachMessageAnEntityHandlesAndEachAppendIsObserved() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class,
				DataSourceAutoConfiguration.class))
			.withPropertyValues("spring.datasource.url=jdbc:h2:mem:node-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1")
			.withUserConfiguration(DurableEntities.class, StoppedObservations.class)
			.run((context) -> {
				context.getBean(ClusteredActorSystem.class).awaitAllocations(TIMEOUT);
				try (ClusterClient client = ClusterClient.builder()
					.systemName(SYSTEM_NAME)
					.contactPoints("127.0.0.1:" + this.port)
					.registerMessages(TestEntities.MESSAGES)
					.build()) {
					EntityRef<LoyaltyCommand> loyalty = client.entityRef(TestEntities.LOYALTY,
							TestEntities.LOYALTY_SHARDS);
					loyalty.tell("user-1", new AddPoints(5));
					assertThat(loyalty.<Integer>ask("user-1", GetPoints::new, TIMEOUT).join()).isEqualTo(5);
				}

				// The GetPoints may arrive while the AddPoints persists: the three end in either order.
				StoppedObservations observations = context.getBean(StoppedObservations.class);
				await().atMost(TIMEOUT)
					.untilAsserted(() -> assertThat(observations.contexts())
						.filteredOn((observed) -> observed.getName().startsWith("casty."))
						.extracting((observed) -> observed.getName() + " " + observed.getLowCardinalityKeyValues())
						.containsExactlyInAnyOrder(
								"casty.entity.messages "
										+ KeyValues.of("casty.message.type", "AddPoints", "casty.shard.type", "loyalty"),
								"casty.entity.persist []", "casty.entity.messages "
										+ KeyValues.of("casty.message.type", "GetPoints", "casty.shard.type", "loyalty")));
			});
	}

	@Test
	void withoutASystemNameTheApplicationIsNoNode() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(CastyNodeAutoConfiguration.class))
			.withUserConfiguration(UserEntities.class)
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(ClusteredActorSystem.class));
	}

	@Test
	void stoppingTheContextLeavesTheClusterAndFreesThePort() throws IOException {
		this.contextRunner.withUserConfiguration(UserEntities.class)
			.run((context) -> assertThat(context).hasSingleBean(ClusteredActorSystem.class)
				.hasSingleBean(CastyNodeLifecycle.class));

		try (ServerSocket rebound = new ServerSocket(this.port, 1, InetAddress.getByName("127.0.0.1"))) {
			assertThat(rebound.isBound()).isTrue();
		}
	}

	@Test
	void withADataSourceTheNodeHasAJournalAndPersistenceForEventSourcedEntities() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
			.withPropertyValues("spring.datasource.url=jdbc:h2:mem:node-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1")
			.run((context) -> {
				assertThat(context).hasSingleBean(JdbcJournal.class).hasSingleBean(Persistence.class)
					.hasBean("castyJournalHealthIndicator");
				JdbcJournal journal = context.getBean(JdbcJournal.class);
				await().atMost(TIMEOUT).until(() -> journal.health().up());
			});
	}

	@Test
	void withDnsDiscoveryTheNodeJoinsTheNodesItsDnsNameHas(@TempDir Path directory) throws IOException {
		try (Dnsmasq dns = Dnsmasq.start(directory)) {
			String name = "nodes." + Dnsmasq.DOMAIN;
			dns.publish(name, List.of("127.0.0.1"));
			this.contextRunner.run((founder) -> {
				ClusteredActorSystem first = founder.getBean(ClusteredActorSystem.class);
				first.awaitUp(TIMEOUT);
				new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(CastyNodeAutoConfiguration.class))
					.withPropertyValues("casty.node.system-name=" + SYSTEM_NAME, "casty.node.host=127.0.0.2",
							"casty.node.port=" + this.port, "casty.node.discovery=dns", "casty.node.dns.name=" + name,
							"casty.node.dns.server=" + dns.server())
					.run((joiner) -> {
						assertThat(joiner).hasNotFailed();
						assertThat(first.awaitMembers(2, TIMEOUT).upMembers()).extracting((member) -> member.address().host())
							.containsExactlyInAnyOrder("127.0.0.1", "127.0.0.2");
					});
			});
		}
	}

	@Test
	void dnsDiscoveryBesideListedSeedNodesFailsStartupSayingWhichToKeep() {
		this.contextRunner.withPropertyValues("casty.node.discovery=dns", "casty.node.dns.name=nodes.example",
				"casty.node.seed-nodes=127.0.0.1:25520")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidCastyPropertyException.class)
				.hasMessageContaining("casty.node.seed-nodes is [127.0.0.1:25520], but casty.node.discovery=dns takes "
						+ "the seed nodes from DNS."));
	}

	@Test
	void withoutADataSourceTheNodeHasNoJournal() {
		this.contextRunner.run((context) -> assertThat(context).hasNotFailed()
			.hasSingleBean(ClusteredActorSystem.class)
			.doesNotHaveBean(JdbcJournal.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class DurableEntities {

		/** Points that are durable: each addition an event (its amount), the total the state. */
		@Bean
		EntityType<LoyaltyCommand> durableLoyaltyAccounts(Persistence persistence) {
			return persistence.entityType(TestEntities.LOYALTY, TestEntities.LOYALTY_SHARDS,
					(entityId) -> new EventSourcedEntity<LoyaltyCommand, Integer, Integer>() {

						@Override
						public Integer emptyState() {
							return 0;
						}

						@Override
						public Effect<Integer, Integer> onCommand(Integer total, LoyaltyCommand command) {
							return (command instanceof AddPoints add) ? Effect.persist(add.amount())
									: Effect.reply(((GetPoints) command).replyTo(), total);
						}

						@Override
						public Integer onEvent(Integer total, Integer added) {
							return total + added;
						}

					});
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserEntities {

		@Bean
		EntityType<LoyaltyCommand> loyaltyAccounts() {
			return EntityType.of(TestEntities.LOYALTY, TestEntities.LOYALTY_SHARDS, (entityId) -> TestEntities.loyalty(0));
		}

	}

}
