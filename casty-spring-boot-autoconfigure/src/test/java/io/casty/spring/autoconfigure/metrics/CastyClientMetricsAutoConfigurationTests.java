package io.casty.spring.autoconfigure.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.casty.client.EntityRef;
import io.casty.spring.autoconfigure.CastyClientAutoConfiguration;
import io.casty.spring.metrics.ClusterClientGauges;
import io.casty.spring.testing.TestEntities;
import io.casty.spring.testing.TestEntities.AddPoints;
import io.casty.spring.testing.TestEntities.GetPoints;
import io.casty.spring.testing.TestEntities.LoyaltyCommand;
import io.casty.spring.testing.TestNode;
import io.casty.testing.FreePorts;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Client meters in a Spring Boot metrics setup, and back-off without one. */
class CastyClientMetricsAutoConfigurationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final int port = FreePorts.next();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
				CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
				CastyClientAutoConfiguration.class, CastyClientMetricsAutoConfiguration.class))
		.withPropertyValues("casty.client.system-name=" + TestNode.SYSTEM_NAME,
				"casty.client.contact-points=127.0.0.1:" + this.port, "casty.client.reconnect-backoff.min=20ms",
				"casty.client.reconnect-backoff.max=200ms", "casty.client.ask-timeout=100ms",
				"casty.client.message-classes=" + String.join(",",
						TestEntities.MESSAGES.stream().map(Class::getName).toList()),
				"casty.client.entities.loyalty.num-shards=" + TestEntities.LOYALTY_SHARDS,
				"casty.client.entities.loyalty.message-type=" + LoyaltyCommand.class.getName());

	private TestNode node;

	@AfterEach
	void stopNode() {
		if (this.node != null) {
			this.node.close();
		}
	}

	private TestNode startNode() {
		this.node = TestNode.start(this.port);
		return this.node;
	}

	@Test
	void tellsAsksAndBufferedMessagesAreMeasuredPerShardType() {
		this.contextRunner.run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			EntityRef<LoyaltyCommand> loyalty = TestEntities.loyaltyRef(context);

			loyalty.tell("user-1", new AddPoints(10));
			loyalty.<Integer>ask("user-1", GetPoints::new).exceptionally((error) -> null).join();

			assertThat(registry.get("casty.client.tells").tag("shard.type", "loyalty").counter().count())
				.isEqualTo(1);
			await().atMost(TIMEOUT)
				.untilAsserted(() -> assertThat(registry.get("casty.client.ask")
					.tag("shard.type", "loyalty")
					.tag("outcome", "unavailable")
					.timer()
					.count()).isEqualTo(1));
			assertThat(registry.get("casty.client.buffered.messages").gauge().value()).isEqualTo(1);
			assertThat(registry.get("casty.client.connected.nodes").gauge().value()).isZero();
		});
	}

	@Test
	void asksRefusedAtTheInFlightLimitAreMeasuredAsRejected() {
		this.contextRunner.withPropertyValues("casty.client.max-in-flight-asks=1").run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			EntityRef<LoyaltyCommand> loyalty = TestEntities.loyaltyRef(context);

			CompletableFuture<Integer> waiting = loyalty.ask("user-1", GetPoints::new, TIMEOUT);
			CompletableFuture<Integer> refused = loyalty.ask("user-2", GetPoints::new, TIMEOUT);

			assertThat(waiting).isNotDone();
			assertThat(refused).isCompletedExceptionally();
			assertThat(registry.get("casty.client.ask")
				.tag("shard.type", "loyalty")
				.tag("outcome", "rejected")
				.timer()
				.count()).isEqualTo(1);
		});
	}

	@Test
	void topologyUpdatesAndReconnectsAreCounted() {
		TestNode node = startNode();
		this.contextRunner.run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			EntityRef<LoyaltyCommand> loyalty = TestEntities.loyaltyRef(context);
			await().atMost(TIMEOUT)
				.until(() -> registry.get("casty.client.topology.updates").counter().count() >= 1);
			assertThat(loyalty.<Integer>ask("user-1", GetPoints::new, TIMEOUT).join()).isZero();
			assertThat(registry.get("casty.client.ask").tag("outcome", "success").timer().count()).isEqualTo(1);
			assertThat(registry.get("casty.client.connected.nodes").gauge().value()).isEqualTo(1);
			assertThat(registry.get("casty.client.reconnects").counter().count()).isZero();

			node.close();

			await().atMost(TIMEOUT)
				.until(() -> registry.get("casty.client.reconnects").counter().count() == 1);
		});
	}

	@Test
	void runWithoutMeterRegistryBeanShouldNotAddMetrics() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(CastyClientAutoConfiguration.class,
					CastyClientMetricsAutoConfiguration.class))
			.withPropertyValues("casty.client.system-name=" + TestNode.SYSTEM_NAME,
					"casty.client.contact-points=127.0.0.1:" + this.port)
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(ClusterClientGauges.class)
				.doesNotHaveBean("castyClientMetricsCustomizer"));
	}

	@Test
	void runWithoutMicrometerShouldNotAddMetrics() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(CastyClientAutoConfiguration.class,
					CastyClientMetricsAutoConfiguration.class))
			.withPropertyValues("casty.client.system-name=" + TestNode.SYSTEM_NAME,
					"casty.client.contact-points=127.0.0.1:" + this.port)
			.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean("castyClientGauges")
				.doesNotHaveBean("castyClientMetricsCustomizer"));
	}

}
