package io.casty.actor;

import java.util.Objects;

/**
 * Where an actor system lives: {@code system@host:port}.
 *
 * <p>A node listens on {@code host:port}. A client listens nowhere: its address uses port
 * {@value #NO_PORT} and a host that names the client uniquely ({@code client-<uid>}), and
 * anything sent to it travels back over the connection the client opened.
 *
 * @param system the actor system (cluster) name
 * @param host the host the system listens on, or the client's unique name
 * @param port the listening port, or {@value #NO_PORT} for a system that does not listen
 */
public record NodeAddress(String system, String host, int port) {

	/** The port of a system that opens no server socket (a client). */
	public static final int NO_PORT = 0;

	public NodeAddress {
		requireName(system, "system");
		requireName(host, "host");
		if (port < 0 || port > 65535) {
			throw new IllegalArgumentException("port : " + port + " (expected: 0-65535)");
		}
	}

	/** Parses {@code system@host:port}. */
	public static NodeAddress parse(String text) {
		Objects.requireNonNull(text, "text");
		int at = text.indexOf('@');
		int colon = text.lastIndexOf(':');
		if (at <= 0 || colon < at + 2 || colon == text.length() - 1) {
			throw new IllegalArgumentException(
					"'" + text + "' is not a node address (expected: system@host:port)");
		}
		return new NodeAddress(text.substring(0, at), text.substring(at + 1, colon),
				parsePort(text.substring(colon + 1), text));
	}

	/**
	 * Parses a listening node's {@code host:port}, as configured for contact points and seed
	 * nodes.
	 *
	 * @param setting what the value configures, for the error message ({@code contact point})
	 * @throws IllegalArgumentException naming the setting and the value
	 */
	public static NodeAddress ofHostPort(String system, String hostPort, String setting) {
		String text = hostPort == null ? "" : hostPort.trim();
		int colon = text.lastIndexOf(':');
		if (colon <= 0 || colon == text.length() - 1) {
			throw new IllegalArgumentException(setting + " : '" + hostPort + "' (expected: host:port)");
		}
		int port;
		try {
			port = Integer.parseInt(text.substring(colon + 1));
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException(setting + " : '" + hostPort + "' (expected: host:port, port a number)");
		}
		if (port < 1 || port > 65535) {
			throw new IllegalArgumentException(setting + " : '" + hostPort + "' (expected: port 1-65535)");
		}
		return new NodeAddress(system, text.substring(0, colon), port);
	}

	private static int parsePort(String port, String text) {
		try {
			return Integer.parseInt(port);
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("'" + text + "' has a port that is not a number: '" + port + "'");
		}
	}

	/**
	 * Checks a system name or a host as an address needs it.
	 *
	 * @return {@code value}
	 * @throws IllegalArgumentException {@code what : 'value' (expected: non-blank, without '@' or '/')}
	 */
	public static String requireName(String value, String what) {
		Objects.requireNonNull(value, what);
		if (value.isBlank() || value.indexOf('@') >= 0 || value.indexOf('/') >= 0) {
			throw new IllegalArgumentException(what + " : '" + value + "' (expected: non-blank, without '@' or '/')");
		}
		return value;
	}

	/** Whether this system listens for connections (a node) or not (a client). */
	public boolean isListening() {
		return port != NO_PORT;
	}

	/** The {@code host:port} part. */
	public String hostPort() {
		return host + ":" + port;
	}

	@Override
	public String toString() {
		return system + "@" + host + ":" + port;
	}
}
