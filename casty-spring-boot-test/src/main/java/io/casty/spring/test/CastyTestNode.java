package io.casty.spring.test;

import io.casty.cluster.ClusteredActorSystem;

/**
 * The Casty node of a test's application context, started by
 * {@link AutoConfigureCastyTestNode}: a single-node cluster on 127.0.0.1 hosting the context's
 * entity types. Inject it to look at the node, or to stop it and see how the application copes
 * without its cluster (then mark the test {@code @DirtiesContext}, since a cached context would
 * keep the stopped node).
 */
public final class CastyTestNode implements AutoCloseable {

	/** The system name of a test node whose context sets no {@code casty.client.system-name}. */
	public static final String DEFAULT_SYSTEM_NAME = "casty-test";

	private final ClusteredActorSystem node;

	CastyTestNode(ClusteredActorSystem node) {
		this.node = node;
	}

	/**
	 * The cluster's system name, the client's {@code casty.client.system-name} or
	 * {@link #DEFAULT_SYSTEM_NAME}.
	 * @return the system name
	 */
	public String systemName() {
		return this.node.address().system();
	}

	/**
	 * The address the node listens on.
	 * @return {@code 127.0.0.1}
	 */
	public String host() {
		return this.node.address().host();
	}

	/**
	 * The port the node listens on, free when it started.
	 * @return the port
	 */
	public int port() {
		return this.node.address().port();
	}

	/**
	 * The node itself, for assertions such as {@link ClusteredActorSystem#runningEntities}.
	 * @return the node
	 */
	public ClusteredActorSystem node() {
		return this.node;
	}

	/**
	 * Stops the node and releases its port; the context does it when it closes, and a second
	 * call does nothing.
	 */
	@Override
	public void close() {
		this.node.close();
	}

	@Override
	public String toString() {
		return "CastyTestNode " + this.node.address();
	}

}
