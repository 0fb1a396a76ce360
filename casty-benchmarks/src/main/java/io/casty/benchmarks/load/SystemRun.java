package io.casty.benchmarks.load;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One system's part of a run: its node JVM, then its client JVM running every workload, both
 * with the same flags; prints each figure as it arrives and returns them all.
 */
public final class SystemRun {

	static final String HOST = "127.0.0.1";

	/**
	 * The flags of every JVM in a run, node or client, whatever the system. The common pool gets
	 * two threads because with one (its default on two cores) {@code CompletableFuture}'s
	 * async methods start a thread per task, which Hazelcast's client relies on. The module
	 * flags are Hazelcast's recommended ones on JDK 17; the others do not need them, and they
	 * change nothing for them. The heap is touched at start-up, so that the kernel's first-touch
	 * page faults (5 % of a client's CPU, 25 s into a run, in a profile) fall outside the
	 * measurements.
	 */
	public static final List<String> JVM_FLAGS = List.of("-Xms1g", "-Xmx1g", "-XX:+UseG1GC", "-XX:+AlwaysPreTouch",
			"-Djava.util.concurrent.ForkJoinPool.common.parallelism=2", "--add-modules", "java.se", "--add-exports",
			"java.base/jdk.internal.ref=ALL-UNNAMED", "--add-opens", "java.base/java.lang=ALL-UNNAMED", "--add-opens",
			"java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens", "java.management/sun.management=ALL-UNNAMED",
			"--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED");

	private static final Duration NODE_START_TIMEOUT = Duration.ofSeconds(120);

	/** The columns of a figure's line: wide enough for every system's name, and every metric. */
	static final int LABEL_WIDTH = 15;

	static final int METRIC_WIDTH = 6;

	private final SystemUnderTest system;

	private final LoadSettings settings;

	private final Path logs;

	private final Optional<Path> recordings;

	private final PrintStream out;

	/**
	 * @param recordings where each JVM writes a flight recording, if anywhere
	 */
	SystemRun(SystemUnderTest system, LoadSettings settings, Path logs, Optional<Path> recordings, PrintStream out) {
		this.system = system;
		this.settings = settings;
		this.logs = logs;
		this.recordings = recordings;
		this.out = out;
	}

	Results run() throws IOException, InterruptedException {
		String name = system.name();
		Results results = Results.notifying(new FigurePrinter(out, name, LABEL_WIDTH, METRIC_WIDTH));
		List<String> args = new ArrayList<>(List.of(name, HOST, Integer.toString(freePort(HOST))));
		args.addAll(settings.toArgs());
		try (JvmProcess node = JvmProcess.start(name + "-node", NodeMain.class, args, flags(name + "-node"), logs,
				line -> {
				})) {
			node.awaitReady(NODE_START_TIMEOUT);
			JvmProcess client = JvmProcess.start(name + "-client", ClientMain.class, args, flags(name + "-client"), logs,
					results::addLine);
			try (client) {
				if (!client.awaitExit(clientTimeout(settings))) {
					results.add(new Failure("client", "did not finish within " + clientTimeout(settings).toSeconds() + " s"));
				}
			}
		}
		catch (Exception ex) {
			results.add(new Failure("node", ex.getMessage()));
		}
		if (results.figures().isEmpty() && results.failures().isEmpty()) {
			results.add(new Failure("client", "exited without a figure; see " + logs.resolve(name + "-client.err.log")));
		}
		return results;
	}

	private List<String> flags(String jvm) {
		List<String> flags = new ArrayList<>(JVM_FLAGS);
		// Java samples every millisecond (the profile default is 10 ms), so a short run still
		// shows where the time goes.
		recordings.ifPresent(dir -> flags.add("-XX:StartFlightRecording=settings=profile,jdk.ExecutionSample#period=1ms,"
				+ "dumponexit=true,filename=" + dir.resolve(jvm + ".jfr")));
		return flags;
	}

	/**
	 * How long a client JVM running every workload ({@link LoadRun}) may take: both ask
	 * workloads with their warm-ups, two tell runs, the checks, and JVM start-up.
	 */
	public static Duration clientTimeout(LoadSettings settings) {
		return settings.warmup().plus(settings.duration()).multipliedBy(2).plus(settings.tellTimeout().multipliedBy(2))
			.plus(Duration.ofMinutes(3));
	}

	/** A port nothing listens on at {@code host} now. */
	public static int freePort(String host) throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(host))) {
			return socket.getLocalPort();
		}
	}
}
