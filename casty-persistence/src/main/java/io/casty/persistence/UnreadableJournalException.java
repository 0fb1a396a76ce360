package io.casty.persistence;

import io.casty.CastyException;

/**
 * The journal holds an event or snapshot of an entity that cannot be read back: its class is
 * not in the allow-list (renamed or removed without an alias), or its bytes are corrupt. The
 * entity refuses to start rather than start with wrong state.
 */
public class UnreadableJournalException extends CastyException {

	private final String persistenceId;

	private final long seqNr;

	UnreadableJournalException(String persistenceId, long seqNr, boolean snapshot, Throwable cause) {
		super("The " + (snapshot ? "snapshot" : "event") + " at sequence number " + seqNr + " of '" + persistenceId
				+ "' cannot be read (" + cause.getMessage() + "); the entity refuses to start with wrong state", cause);
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
