package io.casty.sample.loyalty.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One packaged application (node or API) running in its own JVM, with its output in a log file
 * under {@code target/sample-system/} for reading after a failed run. Stopped with SIGTERM (a
 * graceful shutdown) or SIGKILL (a crash).
 */
final class SampleProcess implements AutoCloseable {

	private static final Path LOGS = Path.of("target", "sample-system");

	private final String name;

	private final int httpPort;

	private final Process process;

	private final Path log;

	private SampleProcess(String name, int httpPort, Process process, Path log) {
		this.name = name;
		this.httpPort = httpPort;
		this.process = process;
		this.log = log;
	}

	/**
	 * Starts {@code java -jar jar --server.port=httpPort arguments...} in a small JVM.
	 */
	static SampleProcess start(String name, Path jar, int httpPort, List<String> arguments) {
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", jar.toString(),
				"--server.port=" + httpPort, "--spring.main.banner-mode=off"));
		command.addAll(arguments);
		try {
			Path log = Files.createDirectories(LOGS).resolve(name + ".log");
			Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
			return new SampleProcess(name, httpPort, process, log);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not start " + name + " from " + jar, ex);
		}
	}

	String name() {
		return this.name;
	}

	int httpPort() {
		return this.httpPort;
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
