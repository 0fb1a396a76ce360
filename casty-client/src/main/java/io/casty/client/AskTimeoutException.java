package io.casty.client;

import io.casty.CastyException;

/** An ask was sent to the entity's node, but no reply came back within its timeout. */
public class AskTimeoutException extends CastyException {

	public AskTimeoutException(String message) {
		super(message);
	}
}
