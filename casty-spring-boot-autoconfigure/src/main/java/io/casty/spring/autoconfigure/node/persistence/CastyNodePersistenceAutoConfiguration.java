package io.casty.spring.autoconfigure.node.persistence;

import io.casty.persistence.Persistence;
import io.casty.persistence.PersistenceListener;
import io.casty.persistence.jdbc.JdbcJournal;
import io.casty.persistence.journal.JournalListener;
import io.casty.protocol.ProtocolMessages;
import io.casty.serialization.MessageRegistry;
import io.casty.spring.autoconfigure.PropertyValues;
import io.casty.spring.autoconfigure.node.CastyNodeAutoConfiguration;
import io.casty.spring.autoconfigure.node.CastyNodeProperties;
import io.casty.spring.autoconfigure.node.health.CastyJournalHealthIndicator;
import io.casty.spring.autoconfigure.node.metrics.CastyPersistenceMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The node's journal in the application's {@link DataSource} (Spring Boot's, from
 * {@code spring.datasource.*}; the journal applies its own schema, see {@link JdbcJournal}), and the
 * {@link Persistence} that runs event-sourced entities on it with {@code casty.node.persistence.*}.
 * Events and snapshots use the node's message allow-list ({@code casty.node.message-classes}).
 * With Micrometer, the journal's and the entities' meters; with Actuator, a {@code castyJournal}
 * health component.
 */
@AutoConfiguration(after = CastyNodeAutoConfiguration.class,
		afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@ConditionalOnClass({ JdbcJournal.class, CastyNodeAutoConfiguration.class })
@ConditionalOnBean({ CastyNodeProperties.class, DataSource.class })
public final class CastyNodePersistenceAutoConfiguration {

	private static final String PREFIX = "casty.node.persistence.";

	private static final PropertyValues VALUES = new PropertyValues("node");

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	JdbcJournal castyJournal(DataSource dataSource, CastyNodeProperties properties,
			ObjectProvider<JournalListener> metrics) {
		CastyNodeProperties.Persistence persistence = properties.getPersistence();
		JournalListener listener = metrics.getIfAvailable();
		JdbcJournal.Builder journal = JdbcJournal.builder(dataSource)
			.listener((listener != null) ? listener : JournalListener.NONE);
		VALUES.apply(PREFIX + "max-batch-events", persistence.getMaxBatchEvents(), journal::maxBatchEvents);
		VALUES.apply(PREFIX + "read-threads", persistence.getReadThreads(), journal::readThreads);
		VALUES.apply(PREFIX + "keep-alive-interval", persistence.getKeepAliveInterval(), journal::keepAliveInterval);
		return journal.build();
	}

	@Bean
	@ConditionalOnMissingBean
	Persistence castyPersistence(JdbcJournal journal, CastyNodeProperties properties,
			ObjectProvider<PersistenceListener> metrics, ObjectProvider<ObservationRegistry> observationRegistry) {
		CastyNodeProperties.Persistence persistence = properties.getPersistence();
		MessageRegistry.Builder registry = ProtocolMessages.registry().register(properties.getMessageClasses());
		persistence.getFormerClassNames()
			.forEach((former, type) -> VALUES.set(PREFIX + "former-class-names", former + " -> " + type.getName(),
					() -> registry.registerFormerName(former, type)));
		PersistenceListener listener = metrics.getIfAvailable();
		Persistence.Builder entities = Persistence.builder(journal, registry.build())
			.listener((listener != null) ? listener : PersistenceListener.NONE)
			.observationRegistry(observationRegistry.getIfAvailable(() -> ObservationRegistry.NOOP));
		VALUES.apply(PREFIX + "snapshot-every", persistence.getSnapshotEvery(), entities::snapshotEvery);
		VALUES.apply(PREFIX + "recovery-timeout", persistence.getRecoveryTimeout(), entities::recoveryTimeout);
		VALUES.apply(PREFIX + "append-timeout", persistence.getAppendTimeout(), entities::appendTimeout);
		VALUES.apply(PREFIX + "stash-capacity", persistence.getStashCapacity(), entities::stashCapacity);
		Duration min = VALUES.required(PREFIX + "min-backoff", persistence.getMinBackoff());
		Duration max = VALUES.required(PREFIX + "max-backoff", persistence.getMaxBackoff());
		VALUES.set(PREFIX + "max-backoff", "min " + min + ", max " + max, () -> entities.backoff(min, max));
		return entities.build();
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	static class PersistenceMetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		CastyPersistenceMetrics castyPersistenceMetrics(ObjectProvider<MeterRegistry> registry) {
			return new CastyPersistenceMetrics(registry.getIfAvailable(() -> Metrics.globalRegistry));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
	@ConditionalOnEnabledHealthIndicator("castyJournal")
	static class JournalHealthConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "castyJournalHealthIndicator")
		CastyJournalHealthIndicator castyJournalHealthIndicator(JdbcJournal journal) {
			return new CastyJournalHealthIndicator(journal);
		}

	}

}
