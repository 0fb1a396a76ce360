package io.casty.benchmarks.load.raw;

import io.casty.benchmarks.load.LoadSettings;
import io.casty.benchmarks.load.SystemUnderTest;
import io.casty.benchmarks.load.Target;

/**
 * The floor: a hand-written Netty request/response server and client moving frames as large as
 * Casty's, with an array for entities. Every other figure reads as a ratio to what TCP and
 * Netty themselves cost on this loopback.
 */
public final class RawEchoSystem implements SystemUnderTest {

	public static final String NAME = "raw-echo";

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public AutoCloseable serve(String host, int port, LoadSettings settings) throws InterruptedException {
		return new EchoServer(host, port, settings.entities());
	}

	@Override
	public Target connect(String host, int port, LoadSettings settings) throws InterruptedException {
		return new EchoClient(host, port);
	}
}
