package io.casty.remote;

import io.casty.CastyException;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.ssl.NotSslRecordException;
import java.io.IOException;
import javax.net.ssl.SSLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Words for why a connection closed, for one log line. */
final class ConnectionProblems {

	private ConnectionProblems() {
	}

	/** Netty's message: "Adjusted frame length exceeds LIMIT: LENGTH - discarded", both counting the length field. */
	private static final Pattern NETTY_TOO_LONG = Pattern.compile("exceeds \\d+: (\\d+)");

	/** A TLS failure: a certificate not trusted, a name that does not match, a protocol mismatch. */
	static boolean isTlsFailure(Throwable cause) {
		for (Throwable current = cause; current != null; current = current.getCause()) {
			if (current instanceof SSLException) {
				return true;
			}
		}
		return false;
	}

	static String describe(Throwable cause, int maxFrameSize) {
		Throwable root = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
		if (root instanceof NotSslRecordException) {
			return "not a TLS connection (a plaintext peer on this TLS port?)";
		}
		if (root instanceof SSLException) {
			return "TLS handshake failed: " + root.getMessage();
		}
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
