package io.casty.persistence.journal;

import java.time.Duration;

/**
 * What a journal reports as it works, for metrics. Called on the journal's threads: keep it
 * quick and never block.
 */
public interface JournalListener {

	/** Does nothing. */
	JournalListener NONE = new JournalListener() {
	};

	/**
	 * A group commit wrote {@code appends} appends of {@code events} events in one transaction.
	 * @param appends how many entities' appends the transaction held
	 * @param events how many events it wrote
	 * @param took from the start of the transaction to its commit
	 */
	default void batchCommitted(int appends, int events, Duration took) {
	}

	/**
	 * One append became durable.
	 * @param latency from the call to {@link Journal#append} to the commit
	 */
	default void appended(Duration latency) {
	}

	/** An append was refused because its sequence number was taken: a stale incarnation. */
	default void fenced(String persistenceId, long seqNr) {
	}

	/** An operation failed for another reason (the store unreachable, a timeout, an SQL error). */
	default void failed(String operation, Throwable cause) {
	}
}
