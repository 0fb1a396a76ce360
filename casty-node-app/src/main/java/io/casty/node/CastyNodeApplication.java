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

	public static void main(String[] args) {
		SpringApplication.run(CastyNodeApplication.class, args);
	}

}
