package io.casty.serialization;

/** A message does not fit in one frame. Raised at the sender, before anything is written. */
public class MessageTooLargeException extends SerializationException {

	public MessageTooLargeException(String className, int maxFrameSize) {
		super("Message of class " + className + " does not fit in the maximum frame size of " + maxFrameSize
				+ " bytes; send smaller messages or raise max-frame-size on every client and node");
	}
}
