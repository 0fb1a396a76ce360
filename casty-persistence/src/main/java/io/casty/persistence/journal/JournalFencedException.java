package io.casty.persistence.journal;

/**
 * An append found its sequence number already taken: another incarnation of the same entity
 * (on a paused or partitioned node, or one that lost its shard) wrote first. None of the
 * append's events were written; the entity that tried must stop, its state is stale.
 */
public class JournalFencedException extends JournalException {

	private final String persistenceId;

	private final long seqNr;

	public JournalFencedException(String persistenceId, long seqNr, Throwable cause) {
		super("Sequence number " + seqNr + " of '" + persistenceId
				+ "' is already written: another incarnation of the entity wrote first", cause);
		this.persistenceId = persistenceId;
		this.seqNr = seqNr;
	}

	public String persistenceId() {
		return persistenceId;
	}

	public long seqNr() {
		return seqNr;
	}
}
