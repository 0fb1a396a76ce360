package io.casty.persistence;

import java.time.Duration;

/**
 * What event-sourced entities report as they recover, for metrics. Called on entity threads:
 * keep it quick and never block.
 */
public interface PersistenceListener {

	/** Does nothing. */
	PersistenceListener NONE = new PersistenceListener() {
	};

	/**
	 * An entity recovered its state and is ready for commands.
	 * @param persistenceId the entity
	 * @param took from the start of its recovery to the end of the replay
	 * @param eventsReplayed events applied after the snapshot
	 * @param fromSnapshot whether it started from a snapshot
	 */
	default void recovered(String persistenceId, Duration took, int eventsReplayed, boolean fromSnapshot) {
	}

	/** An entity could not recover (its journal failed, timed out, or holds events it cannot read). */
	default void recoveryFailed(String persistenceId, Throwable cause) {
	}
}
