package io.casty.spring.autoconfigure.node;

/**
 * The node could not listen on its {@code casty.node.host} and {@code casty.node.port}: the port
 * is taken, or the host is not an address of this machine. {@link NodeBindFailureAnalyzer} turns
 * it into a startup report that says how to fix it.
 */
public class NodeBindException extends RuntimeException {

	private final String host;

	private final int port;

	/**
	 * Creates an exception.
	 * @param host the address the node tried to listen on
	 * @param port the port the node tried to listen on
	 * @param cause why it could not
	 */
	public NodeBindException(String host, int port, Throwable cause) {
		super("The Casty node could not listen on " + host + ":" + port + ": " + cause.getMessage(), cause);
		this.host = host;
		this.port = port;
	}

	/**
	 * The address the node tried to listen on.
	 * @return the host
	 */
	public String getHost() {
		return this.host;
	}

	/**
	 * The port the node tried to listen on.
	 * @return the port
	 */
	public int getPort() {
		return this.port;
	}

}
