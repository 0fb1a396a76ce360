package io.casty.persistence.journal;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the journal holds for one entity: its latest snapshot, if any, and the events after it.
 *
 * @param snapshot the latest snapshot
 * @param events the events after the snapshot (after sequence number 0 without one), in order
 */
public record RecoveryData(Optional<StoredSnapshot> snapshot, List<StoredEvent> events) {

	public RecoveryData {
		Objects.requireNonNull(snapshot, "snapshot");
		events = List.copyOf(events);
	}

	/** The sequence number of the last event the data covers; 0 for an entity never written. */
	public long highestSeqNr() {
		if (!events.isEmpty()) {
			return events.get(events.size() - 1).seqNr();
		}
		return snapshot.map(StoredSnapshot::seqNr).orElse(0L);
	}

	/** One stored event. */
	public record StoredEvent(long seqNr, byte[] payload) {
	}

	/** One stored snapshot: the state after event {@code seqNr}. */
	public record StoredSnapshot(long seqNr, byte[] payload) {
	}
}
