package io.casty.serialization;

import io.casty.CastyException;

/** A message could not be turned into bytes, or bytes into a message. */
public class SerializationException extends CastyException {

	public SerializationException(String message) {
		super(message);
	}

	public SerializationException(String message, Throwable cause) {
		super(message, cause);
	}
}
