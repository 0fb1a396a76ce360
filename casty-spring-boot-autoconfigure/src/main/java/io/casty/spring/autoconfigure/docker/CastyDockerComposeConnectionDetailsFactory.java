package io.casty.spring.autoconfigure.docker;

import io.casty.spring.autoconfigure.CastyClientConnectionDetails;
import java.util.List;
import org.springframework.boot.docker.compose.core.RunningService;
import org.springframework.boot.docker.compose.service.connection.DockerComposeConnectionDetailsFactory;
import org.springframework.boot.docker.compose.service.connection.DockerComposeConnectionSource;

/**
 * Spring Boot's Docker Compose support for a Casty node: a compose service of the
 * {@code casty-node-app} image (or labelled {@code org.springframework.boot.service-connection:
 * casty-node-app}) becomes the client's contact point, at the host and port Docker published for
 * the cluster port. The cluster's name is the service's {@code CASTY_NODE_SYSTEM_NAME}, or the
 * image's own ({@code loyalty-cluster}).
 *
 * <p>The node must be known by that published address, or the topology would send the client to
 * an address only the compose network reaches: run it with
 * {@code --casty.node.host=localhost --casty.node.bind-host=0.0.0.0} and the same port on both
 * sides ({@code ports: ["25520:25520"]}); docs/spring-boot.md has the compose file.
 */
class CastyDockerComposeConnectionDetailsFactory extends DockerComposeConnectionDetailsFactory<CastyClientConnectionDetails> {

	static final String IMAGE = "casty-node-app";

	static final int CLUSTER_PORT = 25520;

	static final String DEFAULT_SYSTEM_NAME = "loyalty-cluster";

	CastyDockerComposeConnectionDetailsFactory() {
		super(IMAGE);
	}

	@Override
	protected CastyClientConnectionDetails getDockerComposeConnectionDetails(DockerComposeConnectionSource source) {
		return new CastyDockerComposeConnectionDetails(source.getRunningService());
	}

	static final class CastyDockerComposeConnectionDetails extends DockerComposeConnectionDetails
			implements CastyClientConnectionDetails {

		private final String systemName;

		private final List<Node> contactPoints;

		CastyDockerComposeConnectionDetails(RunningService service) {
			super(service);
			this.systemName = service.env().getOrDefault("CASTY_NODE_SYSTEM_NAME", DEFAULT_SYSTEM_NAME);
			this.contactPoints = List.of(new Node(service.host(), service.ports().get(CLUSTER_PORT)));
		}

		@Override
		public String getSystemName() {
			return this.systemName;
		}

		@Override
		public List<Node> getContactPoints() {
			return this.contactPoints;
		}
	}
}
