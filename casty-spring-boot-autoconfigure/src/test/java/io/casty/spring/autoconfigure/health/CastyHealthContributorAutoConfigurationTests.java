package io.casty.spring.autoconfigure.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.casty.client.ClusterClient;
import io.casty.spring.autoconfigure.CastyClientAutoConfiguration;
import io.casty.spring.health.CastyHealthIndicator;
import io.casty.testing.FreePorts;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** When the {@code casty} health indicator exists, and when it backs off. */
class CastyHealthContributorAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CastyClientAutoConfiguration.class,
				CastyHealthContributorAutoConfiguration.class))
		.withPropertyValues("casty.client.system-name=test-cluster",
				"casty.client.contact-points=127.0.0.1:" + FreePorts.next(),
				"casty.client.entities.loyalty.num-shards=10", "casty.client.entities.orders.num-shards=4");

	@Test
	void runShouldCreateIndicatorNamedCasty() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(CastyHealthIndicator.class)
			.hasBean("castyHealthIndicator"));
	}

	@Test
	void indicatorShouldCoverEveryEntityRefBean() {
		this.contextRunner.run((context) -> {
			Health health = context.getBean(CastyHealthIndicator.class).health();
			assertThat(health.getDetails()).containsEntry("shards",
					Map.of("loyalty", Map.of("allocated", 0, "total", 10), "orders",
							Map.of("allocated", 0, "total", 4)));
		});
	}

	@Test
	void runWhenDisabledShouldNotCreateIndicator() {
		this.contextRunner.withPropertyValues("management.health.casty.enabled=false")
			.run((context) -> assertThat(context).hasSingleBean(ClusterClient.class)
				.doesNotHaveBean(CastyHealthIndicator.class));
	}

	@Test
	void runWhenDefaultIndicatorsAreDisabledShouldNotCreateIndicator() {
		this.contextRunner.withPropertyValues("management.health.defaults.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(CastyHealthIndicator.class));
	}

	@Test
	void runWithoutActuatorHealthShouldNotCreateIndicator() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(ClusterClient.class)
				.doesNotHaveBean("castyHealthIndicator"));
	}

	@Test
	void runWithoutClusterClientShouldNotCreateIndicator() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(ClusterClient.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean("castyHealthIndicator"));
	}

	@Test
	void runWithUserIndicatorNamedCastyHealthIndicatorShouldBackOff() {
		HealthIndicator userIndicator = () -> Health.up().build();
		this.contextRunner.withBean("castyHealthIndicator", HealthIndicator.class, () -> userIndicator)
			.run((context) -> assertThat(context).doesNotHaveBean(CastyHealthIndicator.class)
				.getBean("castyHealthIndicator")
				.isSameAs(userIndicator));
	}

}
