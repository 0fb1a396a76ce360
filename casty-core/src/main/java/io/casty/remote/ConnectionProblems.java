package io.casty.remote;

import io.casty.CastyException;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Words for why a connection closed, for one log line. */
final class ConnectionProblems {

	private ConnectionProblems() {
	}

	/** Netty's message: "Adjusted frame length exceeds LIMIT: LENGTH - discarded", both counting the length field. */
	private static final Pattern NETTY_TOO_LONG = Pattern.compile("exceeds \\d+: (\\d+)");

	static String describe(Throwable cause, int maxFrameSize) {
		Throwable root = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
		if (root instanceof TooLongFrameException) {
			Matcher length = NETTY_TOO_LONG.matcher(String.valueOf(root.getMessage()));
			String size = length.find() ? " of " + (Long.parseLong(length.group(1)) - WireFormat.LENGTH_FIELD_SIZE) + " bytes"
					: "";
			return "oversized frame" + size + " (maximum frame size: " + maxFrameSize + " bytes)";
		}
		if (root instanceof CorruptedFrameException) {
			return "corrupted frame (" + root.getMessage() + ")";
		}
		if (root instanceof CastyException) {
			return root.getMessage();
		}
		if (root instanceof IOException) {
			return "I/O error (" + root.getMessage() + ")";
		}
		return root.toString();
	}
}
