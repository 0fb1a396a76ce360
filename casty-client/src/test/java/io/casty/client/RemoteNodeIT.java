package io.casty.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.casty.client.TestEntities.Add;
import io.casty.client.TestEntities.CounterCommand;
import io.casty.client.TestEntities.Get;
import io.casty.sharding.ShardEnvelope;
import io.casty.testing.FreePorts;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** The node runs in a separate JVM; the client in this one talks to it over real TCP. */
class RemoteNodeIT {

	/** The TCP state code of a listening socket in /proc/net/tcp. */
	private static final String LISTEN_STATE = "0A";

	private final int port = FreePorts.next();

	private Process node;

	@BeforeEach
	void startNodeProcess() throws Exception {
		node = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
				System.getProperty("java.class.path"), TestNodeMain.class.getName(), "remote-cluster",
				Integer.toString(port))
			.redirectError(ProcessBuilder.Redirect.INHERIT)
			.start();
		BufferedReader stdout = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
		CompletableFuture<String> ready = CompletableFuture.supplyAsync(() -> {
			try {
				return stdout.readLine();
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		}, command -> new Thread(command, "node-stdout").start());
		assertThat(ready.get(60, TimeUnit.SECONDS)).isEqualTo("READY");
	}

	@AfterEach
	void killNodeProcess() throws InterruptedException {
		node.destroyForcibly();
		node.waitFor(30, TimeUnit.SECONDS);
	}

	@Test
	@EnabledOnOs(OS.LINUX)
	void tellAndAskWorkAcrossJvmsAndTheClientListensNowhere() throws Exception {
		Set<Long> listeningBefore = listeningSocketsOfThisProcess();
		try (ClusterClient client = ClusterClient.builder()
			.systemName("remote-cluster")
			.contactPoints("127.0.0.1:" + port)
			.registerMessages(TestEntities.MESSAGES)
			.build()) {
			EntityRef<CounterCommand> counters = client.entityRef(TestEntities.SHARD_TYPE, TestEntities.NUM_SHARDS);
			for (int i = 1; i <= 100; i++) {
				counters.tell(new ShardEnvelope<>("user-" + (i % 3), new Add(i)));
			}
			int total = 0;
			for (int user = 0; user < 3; user++) {
				String entityId = "user-" + user;
				total += client.<CounterCommand, Integer>ask(counters,
						replyTo -> new ShardEnvelope<>(entityId, new Get(replyTo)), Duration.ofSeconds(10))
					.get(15, TimeUnit.SECONDS);
			}

			assertThat(total).isEqualTo(100 * 101 / 2);
			assertThat(client.contactPoint()).isPresent();
			assertThat(listeningSocketsOfThisProcess()).as("listening sockets opened by the client")
				.isEqualTo(listeningBefore);
			assertThat(openTcpSocketsOfThisProcess()).as("the client holds a TCP connection").isNotEmpty();
		}
	}

	/** Inodes of this process's TCP sockets in state LISTEN, from /proc. */
	private static Set<Long> listeningSocketsOfThisProcess() throws IOException {
		return tcpSocketsOfThisProcess(true);
	}

	/** Inodes of this process's other TCP sockets (connections). */
	private static Set<Long> openTcpSocketsOfThisProcess() throws IOException {
		return tcpSocketsOfThisProcess(false);
	}

	private static Set<Long> tcpSocketsOfThisProcess(boolean listening) throws IOException {
		Set<Long> inodes = new HashSet<>();
		for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
			Path path = Path.of(table);
			if (!Files.exists(path)) {
				continue;
			}
			List<String> lines = Files.readAllLines(path);
			for (String line : lines.subList(1, lines.size())) {
				String[] fields = line.trim().split("\\s+");
				if (fields[3].equals(LISTEN_STATE) == listening) {
					inodes.add(Long.parseLong(fields[9]));
				}
			}
		}
		inodes.retainAll(socketInodesOfThisProcess());
		return inodes;
	}

	private static Set<Long> socketInodesOfThisProcess() throws IOException {
		Pattern socket = Pattern.compile("socket:\\[(\\d+)]");
		Set<Long> inodes = new HashSet<>();
		try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
			for (Path fd : fds.toList()) {
				try {
					Matcher matcher = socket.matcher(Files.readSymbolicLink(fd).toString());
					if (matcher.matches()) {
						inodes.add(Long.parseLong(matcher.group(1)));
					}
				}
				catch (IOException closedMeanwhile) {
					// the fd was closed while listing
				}
			}
		}
		return inodes;
	}
}
