package io.casty.persistence.journal;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Where event-sourced entities keep their events and snapshots, as bytes. Implementations are
 * thread-safe and never block the caller: every operation completes its future later, on a
 * thread of the journal's own.
 *
 * <p>The contract that keeps entity state right:
 * <ul>
 * <li>{@link #append} completes normally only once every event is durable; it fails with
 * {@link JournalFencedException} when a sequence number is already taken (and then writes
 * none of the events), and with another {@link JournalException} when the store could not be
 * reached or refused them.</li>
 * <li>{@link #recover} sees every append that completed before it was called.</li>
 * </ul>
 */
public interface Journal extends AutoCloseable {

	/**
	 * Appends events of one entity at consecutive sequence numbers, all or none.
	 * @param persistenceId the entity
	 * @param firstSeqNr the sequence number of the first event, one after the entity's last
	 * @param events the serialized events, in order; not empty
	 * @return completes once the events are durable
	 */
	CompletableFuture<Void> append(String persistenceId, long firstSeqNr, List<byte[]> events);

	/**
	 * Reads what an entity needs to recover: its latest snapshot and every event after it.
	 * @param persistenceId the entity
	 * @return the snapshot (if any) and the later events in order
	 */
	CompletableFuture<RecoveryData> recover(String persistenceId);

	/**
	 * Stores a snapshot of an entity's state after the event {@code seqNr}; older snapshots of
	 * the entity may be deleted.
	 * @param persistenceId the entity
	 * @param seqNr the sequence number of the last event the state includes
	 * @param state the serialized state
	 * @return completes once the snapshot is durable
	 */
	CompletableFuture<Void> saveSnapshot(String persistenceId, long seqNr, byte[] state);

	/** Whether the store answers now, and the last failure seen, for health checks. */
	JournalHealth health();

	/**
	 * Whether the journal's latest operation succeeded, known without a round trip to the store.
	 * An entity that backs off after the journal failed it recovers at once, on the next command
	 * that reaches it, when this says the journal works again, instead of making that command's
	 * sender wait out the back-off. A journal that cannot tell answers false, the default: its
	 * entities wait their back-off out.
	 */
	default boolean lastOperationSucceeded() {
		return false;
	}

	/** Stops accepting work and releases the journal's threads; appends still queued fail. */
	@Override
	void close();
}
