package io.casty.spring.autoconfigure.docker;

import static org.assertj.core.api.Assertions.assertThat;

import io.casty.spring.autoconfigure.CastyClientConnectionDetails;
import io.casty.spring.autoconfigure.CastyClientConnectionDetails.Node;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.service.connection.ConnectionDetailsFactory;
import org.springframework.boot.docker.compose.core.ConnectionPorts;
import org.springframework.boot.docker.compose.core.ImageReference;
import org.springframework.boot.docker.compose.core.RunningService;
import org.springframework.core.io.support.SpringFactoriesLoader;

/**
 * A compose service running a node, as Spring Boot's Docker Compose support reports it, becomes
 * the client's system name and contact point; checked without Docker (none runs here).
 */
class CastyDockerComposeConnectionDetailsFactoryTests {

	@Test
	void theContactPointIsThePublishedClusterPortAndTheSystemNameTheServicesOrTheImagesOwn() {
		CastyClientConnectionDetails named = new CastyDockerComposeConnectionDetailsFactory.CastyDockerComposeConnectionDetails(
				node(Map.of("CASTY_NODE_SYSTEM_NAME", "shop")));
		CastyClientConnectionDetails unnamed = new CastyDockerComposeConnectionDetailsFactory.CastyDockerComposeConnectionDetails(
				node(Map.of()));

		assertThat(named.getContactPoints()).containsExactly(new Node("127.0.0.1", 32801));
		assertThat(named.getSystemName()).isEqualTo("shop");
		assertThat(unnamed.getSystemName()).isEqualTo("loyalty-cluster");
	}

	@Test
	void theFactoryIsRegisteredWithSpringBoot() {
		List<String> factories = SpringFactoriesLoader.forDefaultResourceLocation()
			.load(ConnectionDetailsFactory.class, SpringFactoriesLoader.FailureHandler.handleMessage((message, failure) -> {
			}))
			.stream()
			.map((factory) -> factory.getClass().getName())
			.toList();
		assertThat(factories).contains(CastyDockerComposeConnectionDetailsFactory.class.getName());
	}

	/** A running casty-node-app service that published its cluster port 25520 as 32801. */
	private static RunningService node(Map<String, String> env) {
		ConnectionPorts ports = new ConnectionPorts() {
			@Override
			public int get(int containerPort) {
				assertThat(containerPort).isEqualTo(25520);
				return 32801;
			}

			@Override
			public List<Integer> getAll() {
				return List.of(32801);
			}

			@Override
			public List<Integer> getAll(String protocol) {
				return List.of(32801);
			}
		};
		return new RunningService() {
			@Override
			public String name() {
				return "node";
			}

			@Override
			public ImageReference image() {
				return ImageReference.of("casty-node-app:0.1.0-SNAPSHOT");
			}

			@Override
			public String host() {
				return "127.0.0.1";
			}

			@Override
			public ConnectionPorts ports() {
				return ports;
			}

			@Override
			public Map<String, String> env() {
				return env;
			}

			@Override
			public Map<String, String> labels() {
				return Map.of();
			}
		};
	}
}
