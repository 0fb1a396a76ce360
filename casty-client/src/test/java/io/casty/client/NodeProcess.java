package io.casty.client;

import io.casty.testing.NetworkNamespace;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A {@link ClusterTestNode} in its own JVM, optionally inside a {@link NetworkNamespace}: started,
 * killed with SIGKILL, stopped with SIGTERM, paused with SIGSTOP; its stdout is collected for the
 * entity lifecycle events.
 */
final class NodeProcess implements AutoCloseable {

	private final String nodeId;

	private final String hostPort;

	private final Process process;

	private final List<String> lines = new CopyOnWriteArrayList<>();

	private final CompletableFuture<Void> ready = new CompletableFuture<>();

	private volatile long endedAtMicros = Long.MAX_VALUE;

	private static String classPath;

	/** Where its stdout (READY and the events) is copied, beside its log. */
	private final Path output;

	private NodeProcess(String nodeId, String hostPort, Process process, Path output) {
		this.nodeId = nodeId;
		this.hostPort = hostPort;
		this.process = process;
		this.output = output;
		Thread reader = new Thread(this::readOutput, nodeId + "-stdout");
		reader.setDaemon(true);
		reader.start();
	}

	static NodeProcess start(String system, String host, int port, String nodeId, List<String> seeds) {
		return start(system, host, port, nodeId, seeds, Map.of());
	}

	/** @param properties system properties of the node's JVM, such as {@link ClusterTestNode#TRACE_HANDLING} */
	static NodeProcess start(String system, String host, int port, String nodeId, List<String> seeds,
			Map<String, String> properties) {
		return start(null, system, host, port, nodeId, seeds, properties);
	}

	/**
	 * A node started inside {@code namespace} ({@code ip netns exec}, which execs the JVM: the
	 * process keeps its pid, so the signals reach the node itself).
	 *
	 * @param namespace where the node runs, or null for this JVM's network namespace
	 * @param host one of the namespace's {@link NetworkNamespace#nodeHost node addresses}
	 */
	static NodeProcess start(NetworkNamespace namespace, String system, String host, int port, String nodeId,
			List<String> seeds, Map<String, String> properties) {
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xmx192m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", classPath()));
		String passivation = System.getProperty(ClusterTestNode.PASSIVATE_IDLE_AFTER_MS);
		if (passivation != null) {
			command.add("-D" + ClusterTestNode.PASSIVATE_IDLE_AFTER_MS + "=" + passivation);
		}
		properties.forEach((name, value) -> command.add("-D" + name + "=" + value));
		command.addAll(List.of(ClusterTestNode.class.getName(), system, host, Integer.toString(port), nodeId,
				String.join(",", seeds)));
		try {
			// Each node's log (and a copy of its stdout) goes to target/node-logs, for reading after a failed run.
			Path logs = Files.createDirectories(Path.of("target", "node-logs"));
			Path log = logs.resolve(nodeId + "-" + host + "-" + port + "-" + System.nanoTime() + ".log");
			Process process = new ProcessBuilder(namespace == null ? command : namespace.exec(command))
				.redirectError(log.toFile())
				.start();
			return new NodeProcess(nodeId, host + ":" + port, process, log.resolveSibling(log.getFileName() + ".out"));
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not start node " + nodeId, ex);
		}
	}

	/**
	 * This JVM's class path, copied once to a directory of its own: nodes start from the copy, so
	 * a build running meanwhile in the same checkout, which rewrites {@code target/} and the local
	 * repository, cannot take classes away from a node restarting in the middle of a soak.
	 */
	private static synchronized String classPath() {
		if (classPath == null) {
			try {
				Path copy = Files.createTempDirectory("casty-node-classpath");
				Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(copy)));
				List<String> entries = new ArrayList<>();
				for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
					Path source = Path.of(entry);
					if (!Files.exists(source)) {
						continue;
					}
					Path target = copy.resolve(entries.size() + "-" + source.getFileName());
					if (Files.isDirectory(source)) {
						try (Stream<Path> files = Files.walk(source)) {
							for (Path file : (Iterable<Path>) files::iterator) {
								Path copied = target.resolve(source.relativize(file).toString());
								if (Files.isDirectory(file)) {
									Files.createDirectories(copied);
								}
								else {
									Files.copy(file, copied);
								}
							}
						}
					}
					else {
						Files.copy(source, target);
					}
					entries.add(target.toString());
				}
				classPath = String.join(File.pathSeparator, entries);
			}
			catch (IOException ex) {
				throw new IllegalStateException("Could not copy the class path for node processes", ex);
			}
		}
		return classPath;
	}

	private static void delete(Path directory) {
		try (Stream<Path> files = Files.walk(directory)) {
			files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
		}
		catch (IOException ex) {
			// a temporary directory left behind
		}
	}

	private void readOutput() {
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
				BufferedWriter copy = Files.newBufferedWriter(output)) {
			String line;
			while ((line = reader.readLine()) != null) {
				if (line.equals("READY")) {
					ready.complete(null);
				}
				lines.add(line);
				copy.write(line);
				copy.newLine();
			}
		}
		catch (IOException ex) {
			// the process died; its events so far are kept
		}
		ready.completeExceptionally(new IllegalStateException("node " + nodeId + " exited before it was ready"));
	}

	NodeProcess awaitReady(Duration timeout) throws Exception {
		ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		return this;
	}

	String nodeId() {
		return nodeId;
	}

	String hostPort() {
		return hostPort;
	}

	/** The address the node listens on. */
	String host() {
		return hostPort.substring(0, hostPort.lastIndexOf(':'));
	}

	long pid() {
		return process.pid();
	}

	/** SIGKILL: the node dies without a word to anyone. */
	void kill() throws InterruptedException {
		endedAtMicros = nowMicros();
		process.toHandle().destroyForcibly();
		process.waitFor(30, TimeUnit.SECONDS);
	}

	/** SIGTERM: the node leaves the cluster gracefully, then exits. */
	void terminate(Duration timeout) throws InterruptedException {
		// Through the handle: Process.destroy() would also close our end of its stdout, losing
		// the events it prints while it leaves.
		process.toHandle().destroy();
		if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
			throw new IllegalStateException("node " + nodeId + " did not exit within " + timeout + " of SIGTERM");
		}
		endedAtMicros = nowMicros();
	}

	/** Freezes (SIGSTOP) or thaws (SIGCONT) the process. */
	void signal(String signal) throws Exception {
		Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).start();
		if (kill.waitFor() != 0) {
			throw new IllegalStateException("kill -" + signal + " " + process.pid() + " failed");
		}
	}

	/** Used heap after a full GC, in bytes, read with {@code jcmd}; -1 if the process is gone. */
	long heapAfterGc() throws Exception {
		if (!process.isAlive()) {
			return -1;
		}
		String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
		new ProcessBuilder(jcmd, Long.toString(process.pid()), "GC.run").redirectErrorStream(true).start().waitFor();
		Process info = new ProcessBuilder(jcmd, Long.toString(process.pid()), "GC.heap_info").redirectErrorStream(true)
			.start();
		String text = new String(info.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		info.waitFor();
		java.util.regex.Matcher used = java.util.regex.Pattern.compile("used (\\d+)K").matcher(text);
		return used.find() ? Long.parseLong(used.group(1)) * 1024 : -1;
	}

	boolean isAlive() {
		return process.isAlive();
	}

	/** Entity lifecycle events: {@code [kind, entity, node, micros]}. */
	List<String[]> events() {
		return lines.stream().filter(line -> line.startsWith("EVENT ")).map(line -> line.substring(6).split(" ")).toList();
	}

	/** When the process was killed or exited, or {@link Long#MAX_VALUE} while it runs. */
	long endedAtMicros() {
		return endedAtMicros;
	}

	static long nowMicros() {
		return ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
	}

	@Override
	public void close() throws InterruptedException {
		if (process.isAlive()) {
			kill();
		}
	}
}
