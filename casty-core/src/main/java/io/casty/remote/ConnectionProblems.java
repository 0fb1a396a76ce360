package io.casty.remote;

import io.casty.serialization.SerializationException;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import java.io.IOException;

/** Words for why a connection closed, for one log line. */
final class ConnectionProblems {

	private ConnectionProblems() {
	}

	static String describe(Throwable cause) {
		Throwable root = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
		if (root instanceof TooLongFrameException) {
			return "oversized frame (" + root.getMessage() + ")";
		}
		if (root instanceof CorruptedFrameException) {
			return "corrupted frame (" + root.getMessage() + ")";
		}
		if (root instanceof HandshakeException || root instanceof SerializationException) {
			return root.getMessage();
		}
		if (root instanceof IOException) {
			return "I/O error (" + root.getMessage() + ")";
		}
		return root.toString();
	}
}
