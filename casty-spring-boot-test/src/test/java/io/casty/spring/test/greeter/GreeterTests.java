package io.casty.spring.test.greeter;

import static org.assertj.core.api.Assertions.assertThat;

import io.casty.client.EntityRef;
import io.casty.cluster.EntityType;
import io.casty.spring.test.AutoConfigureCastyTestNode;
import io.casty.spring.test.greeter.GreeterCommand.CountGreetings;
import io.casty.spring.test.greeter.GreeterCommand.Greet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The README's example, as a user writes it: the service's own configuration (whose contact
 * points name no reachable node, and whose startup is fail-fast), a behaviour for its entity type,
 * and the injected ref, answered by the test node.
 */
@SpringBootTest
@AutoConfigureCastyTestNode
class GreeterTests {

	@Autowired
	EntityRef<GreeterCommand> greeter;

	@Test
	void theTestNodeHostsTheEntityAndAnswersItsAsks() {
		this.greeter.tell("ann", new Greet("hello"));
		assertThat(this.greeter.ask("ann", CountGreetings::new).join()).isEqualTo(1);
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Entities {

		@Bean
		EntityType<GreeterCommand> greeterEntityType() {
			return EntityType.of("greeter", 4, (id) -> Greeter.counting(0));
		}

	}

}
