package io.casty.remote;

import io.casty.CastyException;

/** A peer read so slowly that the bytes waiting for it passed the limit; its connection was closed. */
public class SlowPeerException extends CastyException {

	public SlowPeerException(String message) {
		super(message);
	}
}
