package io.casty.spring.autoconfigure.node.metrics;

import io.casty.persistence.PersistenceListener;
import io.casty.persistence.journal.JournalListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * Meters of the journal and of the entities' recoveries, fed by the journal and the entities as
 * they work:
 * <ul>
 * <li>{@code casty.journal.append.latency}: timer, from an entity's append to its commit;</li>
 * <li>{@code casty.journal.batch.appends} and {@code casty.journal.batch.events}: distributions
 * of the appends and events each group commit wrote;</li>
 * <li>{@code casty.journal.appends.fenced}: counter of appends refused because another
 * incarnation of the entity wrote first (a stale node; each one stopped without writing);</li>
 * <li>{@code casty.journal.failures}: counter of failed journal operations, tagged
 * {@code operation};</li>
 * <li>{@code casty.entity.recovery.time}: timer of entity recoveries;</li>
 * <li>{@code casty.entity.recovery.events}: counter of the events recoveries replayed;</li>
 * <li>{@code casty.entity.recovery.failures}: counter of recoveries that failed.</li>
 * </ul>
 */
public class CastyPersistenceMetrics implements JournalListener, PersistenceListener {

	private final MeterRegistry registry;

	private final Timer appendLatency;

	private final DistributionSummary batchAppends;

	private final DistributionSummary batchEvents;

	private final Counter fenced;

	private final Timer recoveryTime;

	private final Counter eventsReplayed;

	private final Counter recoveryFailures;

	public CastyPersistenceMetrics(MeterRegistry registry) {
		this.registry = registry;
		this.appendLatency = Timer.builder("casty.journal.append.latency")
			.description("From an entity's append to its commit")
			.publishPercentileHistogram()
			.register(registry);
		this.batchAppends = DistributionSummary.builder("casty.journal.batch.appends")
			.description("Appends written by one group commit")
			.register(registry);
		this.batchEvents = DistributionSummary.builder("casty.journal.batch.events")
			.description("Events written by one group commit")
			.register(registry);
		this.fenced = Counter.builder("casty.journal.appends.fenced")
			.description("Appends refused because another incarnation of the entity wrote first")
			.register(registry);
		this.recoveryTime = Timer.builder("casty.entity.recovery.time")
			.description("Time entities took to recover their state")
			.register(registry);
		this.eventsReplayed = Counter.builder("casty.entity.recovery.events")
			.description("Events replayed by entity recoveries")
			.register(registry);
		this.recoveryFailures = Counter.builder("casty.entity.recovery.failures")
			.description("Entity recoveries that failed")
			.register(registry);
	}

	@Override
	public void batchCommitted(int appends, int events, Duration took) {
		batchAppends.record(appends);
		batchEvents.record(events);
	}

	@Override
	public void appended(Duration latency) {
		appendLatency.record(latency);
	}

	@Override
	public void fenced(String persistenceId, long seqNr) {
		fenced.increment();
	}

	@Override
	public void failed(String operation, Throwable cause) {
		// The operation names the entity ("recovery of 'loyalty|alice'"): tag by its kind only.
		int space = operation.indexOf(' ');
		registry.counter("casty.journal.failures", "operation", (space < 0) ? operation : operation.substring(0, space))
			.increment();
	}

	@Override
	public void recovered(String persistenceId, Duration took, int eventsReplayed, boolean fromSnapshot) {
		recoveryTime.record(took);
		this.eventsReplayed.increment(eventsReplayed);
	}

	@Override
	public void recoveryFailed(String persistenceId, Throwable cause) {
		recoveryFailures.increment();
	}
}
