package io.casty.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.casty.cluster.ClusteredActorSystem;
import io.casty.serialization.UnregisteredMessageClassException;
import io.casty.testing.FreePorts;
import io.casty.testing.LogCapture;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The mistakes of a first setup each fail saying what is wrong, and are logged once per attempt. */
class SetupMistakesTest {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final int port = FreePorts.next();

	private final List<AutoCloseable> closeables = new ArrayList<>();

	/** A message class nobody registered. */
	record NotRegistered(int value) {
	}

	@AfterEach
	void closeAll() throws Exception {
		for (int i = closeables.size() - 1; i >= 0; i--) {
			closeables.get(i).close();
		}
	}

	private void startNode() {
		startNode("test-cluster", port);
	}

	private void startNode(String systemName, int nodePort) {
		closeables.add(ClusteredActorSystem.builder(systemName).port(nodePort).start());
	}

	private ClusterClient startClient(String systemName, String... contactPoints) {
		ClusterClient client = ClusterClient.builder()
			.systemName(systemName)
			.contactPoints(contactPoints)
			.registerMessages(TestEntities.MESSAGES)
			.reconnectBackoff(Duration.ofMillis(20), Duration.ofMillis(200))
			.build();
		closeables.add(client);
		return client;
	}

	@Test
	void aContactPointAtAWebPortSaysAnHttpServerAnsweredNotThatAFrameWasTooLong() throws IOException {
		WebPort web = new WebPort();
		closeables.add(web);
		ClusterClient client = startClient("test-cluster", "127.0.0.1:" + web.port());

		await().atMost(TIMEOUT).until(() -> client.state().lastError().isPresent());

		assertThat(client.state().lastError()).hasValue("127.0.0.1:" + web.port() + " answered with HTTP: it is a web "
				+ "port, not a Casty node's cluster port (casty.node.port, 25520 by default)");
	}

	@Test
	void anUnknownHostSaysItsNameCouldNotBeResolvedAndWhichContactPoint() {
		// .invalid never resolves (RFC 6761).
		ClusterClient client = startClient("test-cluster", "nosuchhost.invalid:25520");

		await().atMost(TIMEOUT).until(() -> client.state().lastError().isPresent());

		assertThat(client.state().lastError()).hasValue(
				"unknown host: the host name 'nosuchhost.invalid' of nosuchhost.invalid:25520 could not be resolved");
		assertThatThrownBy(() -> client.awaitTopology(Duration.ofMillis(100)))
			.isInstanceOf(ClusterUnavailableException.class)
			.hasMessageContaining("contact points [nosuchhost.invalid:25520]; last error: unknown host: the host name "
					+ "'nosuchhost.invalid' of nosuchhost.invalid:25520 could not be resolved");
	}

	@Test
	void awaitingTheTopologyFailsAtOnceWhenEveryContactPointRefusedTheSystemName() {
		int otherPort = FreePorts.next();
		startNode();
		startNode("other-cluster", otherPort);
		ClusterClient client = startClient("wrong-cluster", "127.0.0.1:" + port, "127.0.0.1:" + otherPort);

		// Far sooner than the minute it was given.
		assertTimeoutPreemptively(TIMEOUT, () -> assertThatThrownBy(() -> client.awaitTopology(Duration.ofMinutes(1)))
			.isInstanceOfSatisfying(SystemNameRefusedException.class, refused -> {
				assertThat(refused.systemName()).isEqualTo("wrong-cluster");
				assertThat(refused.nodeSystemNames()).containsExactly(Map.entry("127.0.0.1:" + port, "test-cluster"),
						Map.entry("127.0.0.1:" + otherPort, "other-cluster"));
			})
			.hasMessage("Every contact point refused system name 'wrong-cluster': 127.0.0.1:" + port
					+ " is a node of system 'test-cluster', 127.0.0.1:" + otherPort + " is a node of system "
					+ "'other-cluster'; set the client's system name (casty.client.system-name, or systemName on "
					+ "the builder) to the cluster's, or correct the contact points"));
	}

	@Test
	void aContactPointThatIsOnlyDownKeepsAwaitingTheTopologyUntilItsTimeout() {
		startNode();
		int nobody = FreePorts.next();
		ClusterClient client = startClient("wrong-cluster", "127.0.0.1:" + port, "127.0.0.1:" + nobody);

		assertThatThrownBy(() -> client.awaitTopology(Duration.ofMillis(500)))
			.isExactlyInstanceOf(ClusterUnavailableException.class)
			.hasMessageStartingWith("No topology within 500 ms");
	}

	@Test
	void aRefusedSystemNameIsLoggedOnceAtWarnPerAttemptSayingWhy() {
		startNode();
		try (LogCapture log = LogCapture.of("io.casty")) {
			startClient("wrong-cluster", "127.0.0.1:" + port);

			await().atMost(TIMEOUT).until(() -> attemptsSeenByTheNode(log.messages()).size() >= 3);

			// The node logs its refusal before it answers, and the client logs an attempt's
			// failure before it schedules the next: so each attempt's lines lie between two of
			// the node's refusals.
			List<List<String>> attempts = attemptsSeenByTheNode(log.messages());
			for (List<String> attempt : attempts.subList(0, 2)) {
				assertThat(attempt).filteredOn(line -> line.startsWith("WARN"))
					.containsExactly("WARN Could not connect to 127.0.0.1:" + port + ": 127.0.0.1:" + port
							+ " refused the connection: it is a node of system 'test-cluster', not 'wrong-cluster'; "
							+ "give every node and client the same system name (casty.node.system-name, "
							+ "casty.client.system-name)");
			}
		}
	}

	@Test
	void anUnregisteredMessageClassNamesTheBuilderMethodAndTheProperties() {
		ClusterClient client = startClient("test-cluster", "127.0.0.1:" + port);
		EntityRef<Object> ref = client.entityRef("anything", 4);

		assertThatThrownBy(() -> ref.tell("entity", new NotRegistered(1)))
			.isInstanceOf(UnregisteredMessageClassException.class)
			.hasMessage("Class " + NotRegistered.class.getName() + " is not registered for sending; register it on "
					+ "both the client and the nodes: registerMessages(NotRegistered.class) on their builders, or "
					+ NotRegistered.class.getName()
					+ " in casty.client.message-classes and casty.node.message-classes");
	}

	/** The lines logged after each refusal the node logged, up to its next one. */
	private static List<List<String>> attemptsSeenByTheNode(List<String> lines) {
		List<List<String>> attempts = new ArrayList<>();
		for (String line : lines) {
			if (line.startsWith("WARN Refused connection from")) {
				attempts.add(new ArrayList<>());
			}
			else if (!attempts.isEmpty()) {
				attempts.get(attempts.size() - 1).add(line);
			}
		}
		return attempts;
	}

	/**
	 * A port that answers like a web server (Tomcat, Jetty, Netty's HTTP codec) answers bytes
	 * that are not an HTTP request: with a 400 status line, then it hangs up. The JDK's
	 * {@code HttpServer} would not do: it waits for the end of a request line that never comes.
	 */
	private static final class WebPort implements AutoCloseable {

		private final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());

		WebPort() throws IOException {
			Thread thread = new Thread(this::serve, "web-port");
			thread.setDaemon(true);
			thread.start();
		}

		int port() {
			return server.getLocalPort();
		}

		private void serve() {
			while (!server.isClosed()) {
				try (Socket socket = server.accept()) {
					InputStream in = socket.getInputStream();
					in.read(new byte[512]);
					OutputStream out = socket.getOutputStream();
					out.write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
						.getBytes(StandardCharsets.US_ASCII));
					out.flush();
				}
				catch (IOException closed) {
					// The test is over, or a client hung up first: nothing to answer.
				}
			}
		}

		@Override
		public void close() throws IOException {
			server.close();
		}
	}
}
