package io.casty.benchmarks.load.scale;

import io.casty.benchmarks.load.JvmProcess;
import io.casty.benchmarks.load.SystemRun;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The node JVMs of one cluster, on loopback: the first, on 127.0.0.1, founds it; the others,
 * on 127.0.0.2, 127.0.0.3 and so on, join it through the first. Every node runs
 * {@link ScaleNodeMain} with the load generator's JVM flags, and exits at once if it runs out of
 * heap, which this notices.
 */
final class NodeJvms implements AutoCloseable {

	/** The flags of every node: the load generator's, and an exit on the first OutOfMemoryError. */
	static final List<String> FLAGS;

	static {
		List<String> flags = new ArrayList<>(SystemRun.JVM_FLAGS);
		// A node short of heap otherwise collects garbage for minutes before it gives up.
		flags.add("-XX:+ExitOnOutOfMemoryError");
		FLAGS = List.copyOf(flags);
	}

	/** What the JVM prints before it exits for {@code -XX:+ExitOnOutOfMemoryError}. */
	private static final String OUT_OF_MEMORY = "Terminating due to java.lang.OutOfMemoryError";

	private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

	private final List<JvmProcess> processes = new ArrayList<>();

	private final List<String> contactPoints = new ArrayList<>();

	private final List<String> outOfMemory = new ArrayList<>();

	private final AtomicLong forwarded = new AtomicLong();

	private NodeJvms() {
	}

	/**
	 * Starts {@code nodes} nodes hosting the accounts with {@code shards} shards and returns once
	 * every one is ready; their logs go to {@code logs}, named after {@code run}.
	 */
	static NodeJvms start(String run, int nodes, int shards, Path logs)
			throws IOException, InterruptedException, TimeoutException {
		NodeJvms cluster = new NodeJvms();
		try {
			cluster.startNode(run, 1, shards, logs).awaitReady(START_TIMEOUT);
			List<JvmProcess> joining = new ArrayList<>();
			for (int node = 2; node <= nodes; node++) {
				joining.add(cluster.startNode(run, node, shards, logs));
			}
			for (JvmProcess process : joining) {
				process.awaitReady(START_TIMEOUT);
			}
			return cluster;
		}
		catch (IOException | InterruptedException | TimeoutException | RuntimeException ex) {
			cluster.close();
			throw ex;
		}
	}

	private JvmProcess startNode(String run, int node, int shards, Path logs) throws IOException {
		String host = "127.0.0." + node;
		String hostPort = host + ":" + SystemRun.freePort(host);
		String nodeId = "node-" + node;
		List<String> args = new ArrayList<>(List.of(host, hostPort.substring(host.length() + 1), nodeId,
				Integer.toString(shards)));
		if (!contactPoints.isEmpty()) {
			args.add(contactPoints.get(0));
		}
		JvmProcess process = JvmProcess.start(run + "-" + nodeId, ScaleNodeMain.class, args, FLAGS, logs,
				line -> read(nodeId, line));
		processes.add(process);
		contactPoints.add(hostPort);
		return process;
	}

	private void read(String nodeId, String line) {
		if (line.startsWith(OUT_OF_MEMORY)) {
			synchronized (outOfMemory) {
				outOfMemory.add(nodeId);
			}
		}
		else if (line.startsWith(ScaleNodeMain.FORWARDED + " ")) {
			forwarded.addAndGet(Long.parseLong(line.substring(ScaleNodeMain.FORWARDED.length() + 1).trim()));
		}
	}

	/** Every node's {@code host:port}, the founder first. */
	List<String> contactPoints() {
		return List.copyOf(contactPoints);
	}

	/** The nodes that ran out of heap so far. */
	List<String> outOfMemory() {
		synchronized (outOfMemory) {
			return List.copyOf(outOfMemory);
		}
	}

	/** Envelopes the nodes passed on to another node; complete once they are closed. */
	long forwarded() {
		return forwarded.get();
	}

	/**
	 * Stops every node, the last started first, so that each leaves the cluster while the ones
	 * it hands its shards to still run; waits until each said what it forwarded.
	 */
	@Override
	public void close() throws InterruptedException {
		for (int i = processes.size() - 1; i >= 0; i--) {
			JvmProcess process = processes.get(i);
			process.close();
			process.awaitExit(Duration.ofSeconds(5));
		}
	}
}
