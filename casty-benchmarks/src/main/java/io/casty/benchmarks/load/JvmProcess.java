package io.casty.benchmarks.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * A node or client JVM of a run, started from this JVM's class path with the run's JVM flags.
 * Its standard output is copied to {@code <name>.out.log} and handed line by line to a
 * listener; its standard error goes to {@code <name>.err.log}. Closing it closes its standard
 * input (a node's cue to stop), then kills it if it has not exited within a few seconds.
 */
public final class JvmProcess implements AutoCloseable {

	private static final Duration EXIT_GRACE = Duration.ofSeconds(15);

	private final String name;

	private final Process process;

	private final CompletableFuture<Void> outputDone = new CompletableFuture<>();

	private final CompletableFuture<Void> readyLine = new CompletableFuture<>();

	private JvmProcess(String name, Process process) {
		this.name = name;
		this.process = process;
	}

	/**
	 * @param lines told every line the process prints on standard output
	 */
	public static JvmProcess start(String name, Class<?> mainClass, List<String> args, List<String> jvmFlags, Path logs,
			Consumer<String> lines) throws IOException {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(jvmFlags);
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add(mainClass.getName());
		command.addAll(args);
		Files.createDirectories(logs);
		Process process = new ProcessBuilder(command).redirectError(logs.resolve(name + ".err.log").toFile()).start();
		JvmProcess jvm = new JvmProcess(name, process);
		Thread reader = new Thread(() -> jvm.copyOutput(logs.resolve(name + ".out.log"), lines), name + "-stdout");
		reader.setDaemon(true);
		reader.start();
		return jvm;
	}

	private void copyOutput(Path log, Consumer<String> lines) {
		try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
				PrintWriter copy = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8), true)) {
			String line;
			while ((line = reader.readLine()) != null) {
				copy.println(line);
				if (line.equals(NodeMain.READY)) {
					readyLine.complete(null);
				}
				lines.accept(line);
			}
		}
		catch (IOException ex) {
			// the process is gone; what it printed so far was handed on
		}
		finally {
			readyLine.completeExceptionally(new IllegalStateException(name + " exited before it was ready; see its logs"));
			outputDone.complete(null);
		}
	}

	/** Waits for the node to print {@link NodeMain#READY}. */
	public void awaitReady(Duration timeout) throws InterruptedException, TimeoutException {
		try {
			readyLine.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException(ex.getCause().getMessage(), ex.getCause());
		}
		catch (TimeoutException ex) {
			throw new TimeoutException(name + " was not ready within " + timeout.toSeconds() + " s");
		}
	}

	/**
	 * Waits for the process to exit and for its output to be read.
	 *
	 * @return whether it exited in time
	 */
	public boolean awaitExit(Duration timeout) throws InterruptedException {
		if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
			return false;
		}
		try {
			outputDone.get(EXIT_GRACE.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException | TimeoutException ex) {
			// output still open after exit: a grandchild holds it; the lines read so far count
		}
		return true;
	}

	@Override
	public void close() {
		try {
			process.getOutputStream().close();
		}
		catch (IOException ex) {
			// already gone
		}
		try {
			if (!process.waitFor(EXIT_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
				process.destroyForcibly();
				process.waitFor(EXIT_GRACE.toMillis(), TimeUnit.MILLISECONDS);
			}
		}
		catch (InterruptedException ex) {
			process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
	}
}
