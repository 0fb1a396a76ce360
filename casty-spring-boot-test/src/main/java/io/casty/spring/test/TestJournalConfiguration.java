package io.casty.spring.test;

import io.casty.persistence.Persistence;
import io.casty.protocol.ProtocolMessages;
import io.casty.spring.autoconfigure.CastyClientProperties;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

/**
 * A {@link Persistence} for the event-sourced entity types of the test context, on an
 * {@link InMemoryJournal}, when casty-persistence and H2 are on the class path and the context
 * has no {@link Persistence} of its own. Both beans are lazy: a context whose entity types are
 * all plain never opens the database.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = { "io.casty.persistence.jdbc.JdbcJournal", "org.h2.jdbcx.JdbcDataSource" })
@ConditionalOnMissingBean(Persistence.class)
class TestJournalConfiguration {

	@Bean(destroyMethod = "close")
	@Lazy
	InMemoryJournal castyTestJournal() {
		return new InMemoryJournal();
	}

	@Bean
	@Lazy
	Persistence castyPersistence(InMemoryJournal journal, CastyClientProperties client,
			CastyTestNodeProperties testNode, ObjectProvider<ObservationRegistry> observationRegistry) {
		return Persistence
			.builder(journal.journal(),
					ProtocolMessages.registry().register(TestNodeMessageClasses.of(client, testNode)).build())
			.observationRegistry(observationRegistry.getIfAvailable(() -> ObservationRegistry.NOOP))
			.build();
	}

}
