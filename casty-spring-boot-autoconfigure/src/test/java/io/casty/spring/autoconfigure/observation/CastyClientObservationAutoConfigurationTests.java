package io.casty.spring.autoconfigure.observation;

import static org.assertj.core.api.Assertions.assertThat;

import io.casty.client.ClusterUnavailableException;
import io.casty.client.EntityRef;
import io.casty.client.observation.ClientRequestContext;
import io.casty.client.observation.DefaultClientRequestObservationConvention;
import io.casty.spring.autoconfigure.CastyClientAutoConfiguration;
import io.casty.spring.testing.StoppedObservations;
import io.casty.spring.testing.TestEntities;
import io.casty.spring.testing.TestEntities.AddPoints;
import io.casty.spring.testing.TestEntities.GetPoints;
import io.casty.spring.testing.TestEntities.LoyaltyCommand;
import io.casty.testing.FreePorts;
import io.micrometer.common.KeyValues;
import io.micrometer.observation.GlobalObservationConvention;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The client's requests observed through Spring Boot's observation registry, and turned off as
 * any observation is. No node runs: an ask that finds none ends (unavailable) all the same.
 */
class CastyClientObservationAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class, CastyClientAutoConfiguration.class,
				CastyClientObservationAutoConfiguration.class))
		.withUserConfiguration(StoppedObservations.class)
		.withPropertyValues("casty.client.system-name=loyalty-cluster",
				"casty.client.contact-points=127.0.0.1:" + FreePorts.next(), "casty.client.ask-timeout=100ms",
				"casty.client.message-classes=" + String.join(",",
						TestEntities.MESSAGES.stream().map(Class::getName).toList()),
				"casty.client.entities.loyalty.num-shards=" + TestEntities.LOYALTY_SHARDS,
				"casty.client.entities.loyalty.message-type=" + LoyaltyCommand.class.getName());

	@Test
	void eachTellAndAskIsAnObservationOfTheApplicationsRegistry() {
		this.contextRunner.run((context) -> {
			EntityRef<LoyaltyCommand> loyalty = TestEntities.loyaltyRef(context);

			loyalty.tell("user-1", new AddPoints(10));
			loyalty.<Integer>ask("user-1", GetPoints::new).exceptionally((error) -> null).join();

			StoppedObservations observations = context.getBean(StoppedObservations.class);
			assertThat(observations.names()).containsExactly("casty.client.requests tell loyalty",
					"casty.client.requests ask loyalty");
			assertThat(observations.contexts().get(0).getError()).isNull();
			assertThat(observations.contexts().get(1).getError()).isInstanceOf(ClusterUnavailableException.class);
			assertThat(observations.lowCardinalityKeys()).allSatisfy((keys) -> assertThat(keys)
				.containsExactlyInAnyOrder("casty.operation", "casty.shard.type", "casty.message.type"));
		});
	}

	@Test
	void managementObservationsEnableCastyFalseTurnsThemOff() {
		this.contextRunner.withPropertyValues("management.observations.enable.casty=false").run((context) -> {
			EntityRef<LoyaltyCommand> loyalty = TestEntities.loyaltyRef(context);

			loyalty.tell("user-1", new AddPoints(10));
			loyalty.<Integer>ask("user-1", GetPoints::new).exceptionally((error) -> null).join();

			assertThat(context.getBean(StoppedObservations.class).names()).isEmpty();
		});
	}

	@Test
	void aGlobalConventionBeanRenamesAndRetagsThem() {
		this.contextRunner.withUserConfiguration(RenamingConvention.class).run((context) -> {
			EntityRef<LoyaltyCommand> loyalty = TestEntities.loyaltyRef(context);

			loyalty.tell("user-1", new AddPoints(10));

			StoppedObservations observations = context.getBean(StoppedObservations.class);
			assertThat(observations.names()).containsExactly("loyalty.requests tell loyalty");
			assertThat(observations.lowCardinalityKeys()).containsExactly(List.of("casty.operation"));
		});
	}

	/** A convention of the application's own, as Spring Boot registers it. */
	@Configuration(proxyBeanMethods = false)
	static class RenamingConvention {

		@Bean
		GlobalObservationConvention<ClientRequestContext> loyaltyRequestsConvention() {
			return new LoyaltyRequests();
		}

		static final class LoyaltyRequests extends DefaultClientRequestObservationConvention
				implements GlobalObservationConvention<ClientRequestContext> {

			@Override
			public String getName() {
				return "loyalty.requests";
			}

			@Override
			public KeyValues getLowCardinalityKeyValues(ClientRequestContext context) {
				return KeyValues.of("casty.operation", context.getOperation().tagValue());
			}

		}

	}

}
