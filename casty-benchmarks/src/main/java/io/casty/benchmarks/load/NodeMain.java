package io.casty.benchmarks.load;

import java.io.IOException;
import java.util.List;

/**
 * The node JVM of a run: starts one system's server side, prints {@value #READY} once it can
 * serve, and stops when its standard input closes (the harness closes it), so that a flight
 * recording started with the JVM is written out on the way.
 *
 * <p>Arguments: {@code <system> <host> <port> [--name=value ...]} ({@link LoadSettings}).
 */
public final class NodeMain {

	/** Printed when the server side can take the client's messages. */
	public static final String READY = "READY";

	private NodeMain() {
	}

	public static void main(String[] args) throws Exception {
		SystemUnderTest system = Systems.named(args[0]);
		LoadSettings settings = LoadSettings.DEFAULTS.with(List.of(args).subList(3, args.length));
		serveUntilInputCloses(system.serve(args[1], Integer.parseInt(args[2]), settings));
	}

	/**
	 * Prints {@value #READY}, waits until the harness closes this JVM's standard input, then
	 * closes the server and exits.
	 */
	public static void serveUntilInputCloses(AutoCloseable server) throws Exception {
		System.out.println(READY);
		System.out.flush();
		try {
			while (System.in.read() >= 0) {
				// nothing to read: the harness only ever closes the stream
			}
		}
		catch (IOException ex) {
			// the harness is gone: stop as well
		}
		server.close();
		System.exit(0);
	}
}
