package io.casty.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.casty.cluster.ClusterSettings;
import io.casty.spring.autoconfigure.node.CastyNodeProperties;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.yaml.snakeyaml.Yaml;

/**
 * The Kubernetes manifests under deploy/kubernetes say what the node reads: every argument the
 * StatefulSet gives the node is a casty.node property it binds (a misspelt one would be ignored
 * by the node, and found only in a cluster), the DNS discovery waits for as many addresses as
 * there are replicas, and the grace period leaves time for the graceful leave.
 */
class KubernetesManifestsTests {

	private static final Path NODES = Path.of("..", "deploy", "kubernetes", "casty-node.yaml");

	@Test
	void theNodesArgumentsAreCastyNodePropertiesThatBindAsMeant() throws IOException {
		Map<String, Object> statefulSet = document(NODES, "StatefulSet");
		Map<String, String> arguments = new LinkedHashMap<>();
		for (Object argument : list(container(statefulSet), "args")) {
			String[] pair = argument.toString().substring(2).split("=", 2);
			arguments.put(pair[0], pair[1].replace("$(POD_IP)", "10.1.2.3")
				.replace("$(POD_NAME)", "casty-node-0")
				.replace("$(POD_NAMESPACE)", "shop"));
		}
		Map<String, String> nodeProperties = new LinkedHashMap<>(arguments);
		nodeProperties.keySet().removeIf((name) -> !name.startsWith("casty.node."));
		assertThat(nodeProperties).as("every argument is a casty.node property").hasSameSizeAs(arguments);

		CastyNodeProperties properties = new Binder(new MapConfigurationPropertySource(nodeProperties))
			.bind("casty.node", Bindable.of(CastyNodeProperties.class),
					new NoUnboundElementsBindHandler(BindHandler.DEFAULT))
			.get();

		assertThat(properties.getHost()).isEqualTo("10.1.2.3");
		assertThat(properties.getNodeId()).isEqualTo("casty-node-0");
		assertThat(properties.getDiscovery()).isEqualTo(CastyNodeProperties.Discovery.DNS);
		String headlessService = (String) ((Map<?, ?>) document(NODES, "Service").get("metadata")).get("name");
		assertThat(properties.getDns().getName()).isEqualTo(headlessService + ".shop.svc.cluster.local");
		assertThat(properties.getDns().getRequiredAddresses()).as("addresses to wait for: the replicas")
			.isEqualTo(((Map<?, ?>) statefulSet.get("spec")).get("replicas"));
	}

	@Test
	void theGracePeriodLeavesTimeForTheGracefulLeave() throws IOException {
		Map<?, ?> pod = (Map<?, ?>) ((Map<?, ?>) document(NODES, "StatefulSet").get("spec")).get("template");
		int grace = (Integer) ((Map<?, ?>) pod.get("spec")).get("terminationGracePeriodSeconds");
		assertThat(Duration.ofSeconds(grace)).isGreaterThan(ClusterSettings.DEFAULT_LEAVE_TIMEOUT);
	}

	private static Map<?, ?> container(Map<String, Object> workload) {
		Map<?, ?> template = (Map<?, ?>) ((Map<?, ?>) workload.get("spec")).get("template");
		return (Map<?, ?>) list((Map<?, ?>) template.get("spec"), "containers").get(0);
	}

	private static List<?> list(Map<?, ?> map, String key) {
		return (List<?>) map.get(key);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> document(Path file, String kind) throws IOException {
		List<Map<String, Object>> documents = new ArrayList<>();
		try (Reader reader = Files.newBufferedReader(file)) {
			new Yaml().loadAll(reader).forEach((document) -> documents.add((Map<String, Object>) document));
		}
		return documents.stream().filter((document) -> kind.equals(document.get("kind"))).findFirst().orElseThrow();
	}
}
