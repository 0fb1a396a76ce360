package io.casty.persistence;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Observes how long an entity's events take to become durable ({@value #NAME}): from the append
 * to the journal's answer. Started on the entity's thread while it handles the command, so it is
 * a child of the observation of that handling (and, with tracing, of the client's request). A
 * command that had to wait (for a recovery, or for the append before it) is handled in the scope
 * of the observation it arrived in, so that its append is that one's child too.
 */
final class PersistObservations {

	/** The observations' name; a timer of that name with a metrics handler. */
	static final String NAME = "casty.entity.persist";

	private final ObservationRegistry registry;

	PersistObservations(ObservationRegistry registry) {
		this.registry = registry;
	}

	/** The observation current on this thread (the entity's handling of a message), or null. */
	Observation current() {
		return registry.isNoop() ? null : registry.getCurrentObservation();
	}

	/**
	 * Runs {@code append} inside an observation that ends, recording the failure if any, before
	 * the returned stage completes: before the entity hears the outcome and answers.
	 */
	CompletableFuture<Void> observe(String persistenceId, int events, Supplier<CompletableFuture<Void>> append) {
		if (registry.isNoop()) {
			return append.get();
		}
		Observation observation = Observation.createNotStarted(NAME, registry)
			.contextualName("persist")
			.highCardinalityKeyValue("casty.persistence.id", persistenceId)
			.highCardinalityKeyValue("casty.persistence.events", Integer.toString(events))
			.start();
		CompletableFuture<Void> appending;
		try {
			appending = append.get();
		}
		catch (RuntimeException ex) {
			observation.error(ex);
			observation.stop();
			throw ex;
		}
		return appending.whenComplete((ignored, failure) -> {
			if (failure != null) {
				observation.error(EventSourcedRunner.unwrap(failure));
			}
			observation.stop();
		});
	}
}
