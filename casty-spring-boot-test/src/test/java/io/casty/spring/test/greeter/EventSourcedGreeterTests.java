package io.casty.spring.test.greeter;

import static org.assertj.core.api.Assertions.assertThat;

import io.casty.client.EntityRef;
import io.casty.cluster.EntityType;
import io.casty.persistence.Persistence;
import io.casty.spring.test.AutoConfigureCastyTestNode;
import io.casty.spring.test.greeter.GreeterCommand.CountGreetings;
import io.casty.spring.test.greeter.GreeterCommand.Greet;
import io.casty.spring.test.greeter.GreetingLog.Greeted;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * An event-sourced entity type on the test node: its Persistence is the test node's, on an
 * in-memory journal, and its event class is registered through the annotation.
 */
@SpringBootTest
@AutoConfigureCastyTestNode(messageClasses = Greeted.class)
class EventSourcedGreeterTests {

	@Autowired
	EntityRef<GreeterCommand> greeter;

	@Autowired
	Persistence persistence;

	@Test
	void theTestNodeKeepsTheEntitysEventsInItsInMemoryJournal() {
		this.greeter.tell("bob", new Greet("hello"));
		this.greeter.tell("bob", new Greet("hi"));

		assertThat(this.greeter.ask("bob", CountGreetings::new).join()).isEqualTo(2);
		assertThat(this.persistence.journal().recover("greeter|bob").join().highestSeqNr()).isEqualTo(2);
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Entities {

		@Bean
		EntityType<GreeterCommand> greeterEntityType(Persistence persistence) {
			return persistence.entityType("greeter", 4, (id) -> new GreetingLog());
		}

	}

}
