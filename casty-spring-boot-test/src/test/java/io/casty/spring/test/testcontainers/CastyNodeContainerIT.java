package io.casty.spring.test.testcontainers;

import static org.assertj.core.api.Assertions.assertThat;

import io.casty.client.ClusterClient;
import io.casty.spring.autoconfigure.CastyClientAutoConfiguration;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Configuration;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * A client reaching a node in a container through {@code @ServiceConnection}. Runs only where a
 * Docker engine does and the image is built ({@code docker build -t casty-node-app:0.1.0-SNAPSHOT
 * casty-node-app}); skipped elsewhere, as on the machine this was written on.
 */
@Testcontainers(disabledWithoutDocker = true)
@SpringBootTest(classes = CastyNodeContainerIT.Client.class)
class CastyNodeContainerIT {

	@Container
	@ServiceConnection
	static final CastyNodeContainer node = new CastyNodeContainer("casty-node-app:0.1.0-SNAPSHOT");

	@Autowired
	ClusterClient client;

	@Test
	void theClientSubscribesAtTheNodeInTheContainer() {
		int published = node.getMappedPort(CastyNodeContainer.CLUSTER_PORT);
		assertThat(this.client.awaitTopology(Duration.ofSeconds(30)).upMembers()).singleElement()
			.satisfies((member) -> assertThat(member.address().port()).isEqualTo(published));
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(CastyClientAutoConfiguration.class)
	static class Client {

	}
}
