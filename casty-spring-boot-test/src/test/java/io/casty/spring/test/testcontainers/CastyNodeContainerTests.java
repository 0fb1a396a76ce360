package io.casty.spring.test.testcontainers;

import static org.assertj.core.api.Assertions.assertThat;

import io.casty.spring.autoconfigure.node.CastyNodeProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.service.connection.ConnectionDetailsFactory;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.core.io.support.SpringFactoriesLoader;

/**
 * What the container gives the node and the client, checked without Docker: the arguments it
 * starts the node with bind as the node reads them, its launch is the image's entrypoint, and
 * its {@code @ServiceConnection} factory is registered with Spring Boot.
 */
class CastyNodeContainerTests {

	@Test
	void theAdvertisedArgumentsAreNodePropertiesKnownOutsideAndListeningInside() {
		Map<String, String> arguments = new LinkedHashMap<>();
		for (String argument : CastyNodeContainer.advertisedArguments("localhost", 32768)) {
			String[] pair = argument.substring(2).split("=", 2);
			arguments.put(pair[0], pair[1]);
		}
		CastyNodeProperties properties = new Binder(new MapConfigurationPropertySource(arguments))
			.bind("casty.node", Bindable.of(CastyNodeProperties.class), new NoUnboundElementsBindHandler(BindHandler.DEFAULT))
			.get();

		assertThat(properties.getHost()).isEqualTo("localhost");
		assertThat(properties.getPort()).isEqualTo(32768);
		assertThat(properties.getBindHost()).isEqualTo("0.0.0.0");
		assertThat(properties.getBindPort()).isEqualTo(CastyNodeContainer.CLUSTER_PORT);
	}

	@Test
	void itLaunchesTheNodeAsTheImagesEntrypointDoesAfterItsArgumentsArrive() throws IOException {
		String entrypoint = Files.readAllLines(Path.of("..", "casty-node-app", "Dockerfile"))
			.stream()
			.filter((line) -> line.startsWith("ENTRYPOINT "))
			.findFirst()
			.orElseThrow()
			.replaceAll("ENTRYPOINT \\[|]|\"|,", "");

		assertThat(entrypoint).isEqualTo(CastyNodeContainer.LAUNCH);
		assertThat(CastyNodeContainer.startScript("shop")).isEqualTo("while [ ! -f /tmp/casty-node-arguments ]; do "
				+ "sleep 0.1; done; exec java org.springframework.boot.loader.launch.JarLauncher "
				+ "--casty.node.system-name=shop $(cat /tmp/casty-node-arguments)");
	}

	@Test
	void itExposesTheClusterAndManagementPortsAndNamesItsSystem() {
		try (CastyNodeContainer node = new CastyNodeContainer("casty-node-app:0.1.0-SNAPSHOT").withSystemName("shop")) {
			assertThat(node.getExposedPorts()).containsExactly(CastyNodeContainer.CLUSTER_PORT,
					CastyNodeContainer.MANAGEMENT_PORT);
			assertThat(node.getSystemName()).isEqualTo("shop");
		}
	}

	@Test
	void theServiceConnectionFactoryIsRegisteredWithSpringBoot() {
		List<String> factories = SpringFactoriesLoader.forDefaultResourceLocation()
			.load(ConnectionDetailsFactory.class, SpringFactoriesLoader.FailureHandler.handleMessage((message, failure) -> {
			}))
			.stream()
			.map((factory) -> factory.getClass().getName())
			.toList();
		assertThat(factories).contains(CastyNodeContainerConnectionDetailsFactory.class.getName());
	}
}
