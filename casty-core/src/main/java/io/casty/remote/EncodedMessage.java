package io.casty.remote;

/**
 * A message already encoded as a frame, not yet sent. Sending it hands the bytes to the
 * transport, once; one that will not be sent can be {@link #release() released}, so that a
 * later attempt to send it fails loudly.
 */
public final class EncodedMessage {

	private final Class<?> type;

	private byte[] frame;

	EncodedMessage(byte[] frame, Class<?> type) {
		this.frame = frame;
		this.type = type;
	}

	/** The class of the message inside. */
	public Class<?> type() {
		return type;
	}

	/** Drops the bytes of a message that will not be sent. Idempotent. */
	public synchronized void release() {
		frame = null;
	}

	synchronized byte[] take() {
		if (frame == null) {
			throw new IllegalStateException("this message was already sent or released");
		}
		byte[] taken = frame;
		frame = null;
		return taken;
	}
}
