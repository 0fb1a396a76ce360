package io.casty.node;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Casty cluster node as a Spring Boot application: one
 * {@link io.casty.cluster.ClusteredActorSystem} configured by {@code casty.node.*}, hosting every
 * {@link io.casty.cluster.EntityType} bean, with a {@code casty} health component and Prometheus
 * metrics on the actuator. SIGTERM leaves the cluster gracefully before the process exits.
 *
 * <p>{@code java -jar casty-node-app-*.jar} starts a one-node cluster on 127.0.0.1:25520 with the
 * actuator on port 8081; {@code --casty.node.host=127.0.0.2 --casty.node.seed-nodes=127.0.0.1:25520
 * --server.port=8082} starts another node that joins it.
 */
@SpringBootApplication
public class CastyNodeApplication {

	/**
	 * How often H2 tries a socket before it gives up. With the embedded journal's automatic server
	 * mode, a survivor of the file's serving node takes the file over only once its probe of the
	 * dead node's lock socket has failed, and H2's default of 16 attempts spends 1.2 s in back-off
	 * on each probe. On one machine a refused connection means no one listens, so three (5 ms of
	 * back-off) are enough; a value given with {@code -Dh2.socketConnectRetry} is kept.
	 */
	static final String H2_SOCKET_CONNECT_RETRY = "3";

	public static void main(String[] args) {
		if (System.getProperty("h2.socketConnectRetry") == null) {
			// Before H2's classes read it, which is when the journal's DataSource first connects.
			System.setProperty("h2.socketConnectRetry", H2_SOCKET_CONNECT_RETRY);
		}
		SpringApplication.run(CastyNodeApplication.class, args);
	}

}
