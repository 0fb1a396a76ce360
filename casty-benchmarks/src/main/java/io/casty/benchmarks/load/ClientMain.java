package io.casty.benchmarks.load;

import java.util.List;

/**
 * The client JVM of a run: connects to one system's node, runs every workload and prints each
 * figure or failure as a line for the harness ({@link Results#printingLines}).
 *
 * <p>Arguments: {@code <system> <host> <port> [--name=value ...]} ({@link LoadSettings}).
 */
public final class ClientMain {

	private ClientMain() {
	}

	public static void main(String[] args) throws Exception {
		SystemUnderTest system = Systems.named(args[0]);
		LoadSettings settings = LoadSettings.DEFAULTS.with(List.of(args).subList(3, args.length));
		Results results = Results.printingLines(System.out);
		try (Target target = system.connect(args[1], Integer.parseInt(args[2]), settings)) {
			new LoadRun(target, settings, results).run();
		}
		catch (Exception ex) {
			results.add(new Failure("client", ex.toString()));
		}
		// Some clients leave non-daemon threads behind after close; the run is over.
		System.exit(0);
	}
}
