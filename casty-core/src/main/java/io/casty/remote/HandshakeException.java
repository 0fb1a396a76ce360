package io.casty.remote;

import io.casty.CastyException;

/**
 * A connection was refused during the handshake: wrong protocol version or system name, a
 * peer that is not Casty, or no handshake in time. The message says which, and how to fix it.
 */
public class HandshakeException extends CastyException {

	public HandshakeException(String message) {
		super(message);
	}
}
