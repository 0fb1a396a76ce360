package io.casty;

/** The root of Casty's typed failures: catch it to handle anything Casty reports. */
public class CastyException extends RuntimeException {

	public CastyException(String message) {
		super(message);
	}

	public CastyException(String message, Throwable cause) {
		super(message, cause);
	}
}
