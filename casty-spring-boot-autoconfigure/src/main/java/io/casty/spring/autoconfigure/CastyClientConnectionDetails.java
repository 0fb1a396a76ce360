package io.casty.spring.autoconfigure;

import java.util.List;
import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;

/**
 * Where the Casty cluster is: its system name and the nodes to subscribe at. The auto-configured
 * {@link io.casty.client.ClusterClient} reads only this; by default it is adapted from the
 * {@code casty.client.*} properties, and a bean of this type (from Testcontainers, Docker
 * Compose or your own configuration) replaces them.
 */
public interface CastyClientConnectionDetails extends ConnectionDetails {

	/**
	 * The cluster's actor system name; must match the nodes'.
	 * @return the system name
	 */
	String getSystemName();

	/**
	 * The nodes to subscribe at, tried in order; at least one.
	 * @return the contact points
	 */
	List<Node> getContactPoints();

	/**
	 * A cluster node's address.
	 *
	 * @param host the node's host name or IP address
	 * @param port the node's port
	 */
	record Node(String host, int port) {

		public Node {
			if (host == null || host.isBlank()) {
				throw new IllegalArgumentException("host : '" + host + "' (expected: non-blank)");
			}
			if (port < 1 || port > 65535) {
				throw new IllegalArgumentException("port : " + port + " (expected: 1-65535)");
			}
		}

		/**
		 * The {@code host:port} form the client takes.
		 * @return {@code host:port}
		 */
		public String hostPort() {
			return this.host + ":" + this.port;
		}

	}

}
