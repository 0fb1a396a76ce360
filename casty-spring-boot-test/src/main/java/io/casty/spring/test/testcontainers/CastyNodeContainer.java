package io.casty.spring.test.testcontainers;

import com.github.dockerjava.api.command.InspectContainerResponse;
import java.util.List;
import java.util.Objects;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;

/**
 * A Casty node in a container, from an image of {@code casty-node-app} (or of any application with
 * the node starter and the same layout: {@code docker build -t casty-node-app:0.1.0-SNAPSHOT
 * casty-node-app}). With {@code @ServiceConnection} the auto-configured client reaches it.
 *
 * <p>The node listens on its cluster port inside the container, but must be known by the address
 * a client outside reaches: the host and the port Docker published, which exist only once the
 * container is created. So the container's command waits for a file of arguments, which
 * {@link #containerIsStarting} copies in with that address ({@code casty.node.host},
 * {@code casty.node.port}, and {@code bind-host}/{@code bind-port} for where it listens), as
 * Testcontainers' own Kafka container does for its advertised listener. One node per container;
 * a cluster of several needs them on one network, beyond this class.
 */
public class CastyNodeContainer extends GenericContainer<CastyNodeContainer> {

	/** The node's cluster port inside the container. */
	public static final int CLUSTER_PORT = 25520;

	/** The actuator's port inside the container. */
	public static final int MANAGEMENT_PORT = 8081;

	static final String ARGUMENTS_FILE = "/tmp/casty-node-arguments";

	/** How the image starts the application (its Dockerfile's entrypoint). */
	static final String LAUNCH = "java org.springframework.boot.loader.launch.JarLauncher";

	private String systemName = "loyalty-cluster";

	public CastyNodeContainer(String image) {
		this(DockerImageName.parse(image));
	}

	public CastyNodeContainer(DockerImageName image) {
		super(image);
		withExposedPorts(CLUSTER_PORT, MANAGEMENT_PORT);
		withCreateContainerCmdModifier((command) -> command.withEntrypoint("sh"));
		waitingFor(Wait.forHttp("/actuator/health/casty").forPort(MANAGEMENT_PORT).forStatusCode(200));
	}

	/** The cluster's name ({@code casty.node.system-name}); the image's own when not set. */
	public CastyNodeContainer withSystemName(String systemName) {
		this.systemName = Objects.requireNonNull(systemName, "systemName");
		return this;
	}

	public String getSystemName() {
		return this.systemName;
	}

	@Override
	protected void configure() {
		withCommand("-c", startScript(this.systemName));
	}

	@Override
	protected void containerIsStarting(InspectContainerResponse container) {
		String arguments = String.join(" ", advertisedArguments(getHost(), getMappedPort(CLUSTER_PORT)));
		copyFileToContainer(Transferable.of(arguments), ARGUMENTS_FILE);
	}

	/** The shell command: wait for the arguments file, then start the node with it. */
	static String startScript(String systemName) {
		return "while [ ! -f " + ARGUMENTS_FILE + " ]; do sleep 0.1; done; exec " + LAUNCH
				+ " --casty.node.system-name=" + systemName + " $(cat " + ARGUMENTS_FILE + ")";
	}

	/** Known by {@code host:port} outside, listening on every address and the cluster port inside. */
	static List<String> advertisedArguments(String host, int port) {
		return List.of("--casty.node.host=" + host, "--casty.node.port=" + port, "--casty.node.bind-host=0.0.0.0",
				"--casty.node.bind-port=" + CLUSTER_PORT);
	}
}
