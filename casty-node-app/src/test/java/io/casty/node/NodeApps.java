package io.casty.node;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Node applications started by a test, with quick gossip and failure detection, closed
 * last-started first (joiners before seeds) and, before them, whatever the test registered
 * after them (clients before the nodes they use).
 */
final class NodeApps implements AutoCloseable {

	private final Deque<AutoCloseable> started = new ArrayDeque<>();

	/** One journal for the nodes of one test, as a cluster shares its database. */
	private final String journalUrl;

	/** Nodes sharing an in-memory journal of their own. */
	NodeApps() {
		this("jdbc:h2:mem:node-apps-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
	}

	/** Nodes sharing the journal at {@code journalUrl}. */
	NodeApps(String journalUrl) {
		this.journalUrl = journalUrl;
	}

	ConfigurableApplicationContext start(String host, int port, String... extraArguments) {
		List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--spring.main.banner-mode=off",
				"--casty.node.host=" + host, "--casty.node.port=" + port, "--casty.node.gossip-interval=200ms",
				"--casty.node.heartbeat-interval=200ms", "--casty.node.acceptable-heartbeat-pause=1s",
				"--casty.node.down-after=1s", "--spring.datasource.url=" + this.journalUrl));
		arguments.addAll(List.of(extraArguments));
		ConfigurableApplicationContext context = new SpringApplicationBuilder(CastyNodeApplication.class)
			.run(arguments.toArray(String[]::new));
		return closeLater(context);
	}

	/** Closes {@code closeable} before everything started so far. */
	<T extends AutoCloseable> T closeLater(T closeable) {
		this.started.push(closeable);
		return closeable;
	}

	@Override
	public void close() throws Exception {
		for (AutoCloseable closeable : this.started) {
			closeable.close();
		}
	}
}
