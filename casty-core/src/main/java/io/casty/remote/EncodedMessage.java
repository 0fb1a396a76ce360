package io.casty.remote;

import io.netty.buffer.ByteBuf;

/**
 * A message already encoded as a frame, not yet sent. Sending it hands the bytes to the
 * transport; one that will not be sent must be {@link #release() released}.
 */
public final class EncodedMessage {

	private final Class<?> type;

	private ByteBuf frame;

	EncodedMessage(ByteBuf frame, Class<?> type) {
		this.frame = frame;
		this.type = type;
	}

	/** The class of the message inside. */
	public Class<?> type() {
		return type;
	}

	/** Frees the bytes of a message that will not be sent. Idempotent. */
	public synchronized void release() {
		if (frame != null) {
			frame.release();
			frame = null;
		}
	}

	synchronized ByteBuf take() {
		if (frame == null) {
			throw new IllegalStateException("this message was already sent or released");
		}
		ByteBuf taken = frame;
		frame = null;
		return taken;
	}
}
