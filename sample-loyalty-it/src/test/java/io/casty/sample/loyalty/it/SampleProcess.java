package io.casty.sample.loyalty.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * One packaged application (node or API) running in its own JVM, with its output in a log file
 * under {@code target/sample-system/} for reading after a failed run ({@code <name>.log}, and
 * {@code <name>-2.log} and so on for the same name started again by this JVM). Stopped with
 * SIGTERM (a graceful shutdown) or SIGKILL (a crash), paused with SIGSTOP.
 */
final class SampleProcess implements AutoCloseable {

	private static final Path LOGS = Path.of("target", "sample-system");

	/** How many processes of each name this JVM started, so that a restart does not overwrite the log before. */
	private static final Map<String, Integer> STARTS = new ConcurrentHashMap<>();

	private final String name;

	private final String httpHost;

	private final int httpPort;

	private final Process process;

	private final Path log;

	private SampleProcess(String name, String httpHost, int httpPort, Process process, Path log) {
		this.name = name;
		this.httpHost = httpHost;
		this.httpPort = httpPort;
		this.process = process;
		this.log = log;
	}

	/**
	 * Starts {@code java -jar jar --server.port=httpPort arguments...} in a small JVM, its HTTP
	 * port reached on 127.0.0.1.
	 */
	static SampleProcess start(String name, Path jar, int httpPort, List<String> arguments) {
		return start(name, jar, "127.0.0.1", httpPort, arguments, UnaryOperator.identity());
	}

	/**
	 * Starts {@code java -jar jar --server.port=httpPort arguments...} in a small JVM, through
	 * {@code launcher} (which may prefix the command, to run it in a network namespace: it must
	 * exec the JVM, so that signals reach it), its HTTP port reached on {@code httpHost}.
	 */
	static SampleProcess start(String name, Path jar, String httpHost, int httpPort, List<String> arguments,
			UnaryOperator<List<String>> launcher) {
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", jar.toString(),
				"--server.port=" + httpPort, "--spring.main.banner-mode=off"));
		command.addAll(arguments);
		try {
			int start = STARTS.merge(name, 1, Integer::sum);
			Path log = Files.createDirectories(LOGS).resolve(name + ((start == 1) ? "" : "-" + start) + ".log");
			Process process = new ProcessBuilder(launcher.apply(command)).redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
			return new SampleProcess(name, httpHost, httpPort, process, log);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not start " + name + " from " + jar, ex);
		}
	}

	String name() {
		return this.name;
	}

	String httpHost() {
		return this.httpHost;
	}

	int httpPort() {
		return this.httpPort;
	}

	/** Where its output goes. */
	Path log() {
		return this.log;
	}

	boolean isAlive() {
		return this.process.isAlive();
	}

	/** Fails, pointing at the log, when the process has exited although it should run. */
	void requireAlive() {
		if (!this.process.isAlive()) {
			throw new IllegalStateException(this.name + " exited with code " + this.process.exitValue() + "; see "
					+ this.log.toAbsolutePath());
		}
	}

	/**
	 * SIGTERM, then waits for the process to exit.
	 * @return the exit code
	 */
	int terminate(Duration timeout) throws InterruptedException {
		// Through the handle, as NodeProcess does: Process.destroy() may also close our streams.
		this.process.toHandle().destroy();
		if (!this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
			throw new IllegalStateException(this.name + " did not exit within " + timeout + " of SIGTERM; see "
					+ this.log.toAbsolutePath());
		}
		return this.process.exitValue();
	}

	/** SIGKILL: the process dies without a word to anyone. */
	void kill() throws InterruptedException {
		this.process.toHandle().destroyForcibly();
		this.process.waitFor(30, TimeUnit.SECONDS);
	}

	/** Sends {@code signal} ({@code STOP}, {@code CONT}) to the process. */
	void signal(String signal) throws IOException, InterruptedException {
		Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(this.process.pid())).start();
		if (kill.waitFor() != 0) {
			throw new IllegalStateException("kill -" + signal + " " + this.process.pid() + " (" + this.name + ") failed");
		}
	}

	/** Kills the process if it still runs. */
	@Override
	public void close() {
		if (this.process.isAlive()) {
			try {
				kill();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

}
