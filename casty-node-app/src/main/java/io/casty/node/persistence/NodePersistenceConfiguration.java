package io.casty.node.persistence;

import io.casty.node.CastyNodeProperties;
import io.casty.node.health.CastyJournalHealthIndicator;
import io.casty.node.metrics.CastyPersistenceMetrics;
import io.casty.persistence.Persistence;
import io.casty.persistence.jdbc.JdbcJournal;
import io.casty.protocol.ProtocolMessages;
import io.casty.serialization.MessageRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The journal in the application's {@link DataSource} (Spring Boot's, from
 * {@code spring.datasource.*}; the journal applies its own schema, see {@link JdbcJournal}), and the
 * {@link Persistence} that runs event-sourced entities on it with {@code casty.node.persistence.*}.
 * Events and snapshots use the node's message allow-list ({@code casty.node.message-classes}).
 */
@Configuration(proxyBeanMethods = false)
class NodePersistenceConfiguration {

	@Bean
	CastyPersistenceMetrics castyPersistenceMetrics(ObjectProvider<MeterRegistry> registry) {
		return new CastyPersistenceMetrics(registry.getIfAvailable(() -> Metrics.globalRegistry));
	}

	@Bean(destroyMethod = "close")
	JdbcJournal castyJournal(DataSource dataSource, CastyNodeProperties properties, CastyPersistenceMetrics metrics) {
		CastyNodeProperties.Persistence persistence = properties.getPersistence();
		return JdbcJournal.builder(dataSource)
			.maxBatchEvents(persistence.getMaxBatchEvents())
			.readThreads(persistence.getReadThreads())
			.keepAliveInterval(persistence.getKeepAliveInterval())
			.listener(metrics)
			.build();
	}

	@Bean
	Persistence castyPersistence(JdbcJournal journal, CastyNodeProperties properties, CastyPersistenceMetrics metrics) {
		CastyNodeProperties.Persistence persistence = properties.getPersistence();
		MessageRegistry.Builder registry = ProtocolMessages.registry().register(properties.getMessageClasses());
		persistence.getFormerClassNames().forEach(registry::registerFormerName);
		return Persistence.builder(journal, registry.build())
			.snapshotEvery(persistence.getSnapshotEvery())
			.recoveryTimeout(persistence.getRecoveryTimeout())
			.appendTimeout(persistence.getAppendTimeout())
			.stashCapacity(persistence.getStashCapacity())
			.backoff(persistence.getMinBackoff(), persistence.getMaxBackoff())
			.listener(metrics)
			.build();
	}

	@Bean
	CastyJournalHealthIndicator castyJournalHealthIndicator(JdbcJournal journal) {
		return new CastyJournalHealthIndicator(journal);
	}

}
