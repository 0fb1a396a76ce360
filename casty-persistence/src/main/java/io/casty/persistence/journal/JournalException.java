package io.casty.persistence.journal;

import io.casty.CastyException;

/** The journal could not do what it was asked: its store is unreachable, or refused the write. */
public class JournalException extends CastyException {

	public JournalException(String message) {
		super(message);
	}

	public JournalException(String message, Throwable cause) {
		super(message, cause);
	}
}
