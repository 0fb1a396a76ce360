package io.casty.testing;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real DNS server for a test: Debian's dnsmasq on 127.0.0.1 and a free port, answering the
 * names of one hosts file and NXDOMAIN for anything else in {@link #DOMAIN}. {@link #publish}
 * rewrites the file and has dnsmasq read it again, as records appear and vanish in a headless
 * service, for the tests of the DNS seed discovery. The test is skipped where dnsmasq is not
 * installed ({@code .ci/run} installs it).
 */
public final class Dnsmasq implements AutoCloseable {

	public static final String DOMAIN = "casty.test";

	private static final Path BINARY = Path.of("/usr/sbin/dnsmasq");

	private final Path hosts;

	private final Process process;

	private final int port;

	private Dnsmasq(Path hosts, Process process, int port) {
		this.hosts = hosts;
		this.process = process;
		this.port = port;
	}

	public static Dnsmasq start(Path directory) throws IOException {
		assumeTrue(Files.isExecutable(BINARY), "dnsmasq is not installed (apt-get install dnsmasq-base); "
				+ "the DNS discovery tests need a real DNS server");
		Path hosts = directory.resolve("hosts");
		Files.writeString(hosts, "");
		hosts.toFile().setReadable(true, false);
		int port = freeUdpPort();
		Process process = new ProcessBuilder(BINARY.toString(), "--keep-in-foreground", "--port=" + port,
				"--listen-address=127.0.0.1", "--bind-interfaces", "--no-resolv", "--no-hosts",
				"--addn-hosts=" + hosts, "--local=/" + DOMAIN + "/", "--local-ttl=0", "--log-facility=-",
				"--pid-file=" + directory.resolve("dnsmasq.pid"), "--user=" + System.getProperty("user.name"))
			.redirectErrorStream(true)
			.redirectOutput(directory.resolve("dnsmasq.log").toFile())
			.start();
		Dnsmasq dnsmasq = new Dnsmasq(hosts, process, port);
		dnsmasq.awaitListening(directory.resolve("dnsmasq.log"));
		return dnsmasq;
	}

	private static int freeUdpPort() throws IOException {
		try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"))) {
			return socket.getLocalPort();
		}
	}

	private void awaitListening(Path log) {
		await().atMost(Duration.ofSeconds(10))
			.until(() -> !this.process.isAlive() || Files.readString(log).contains("started, version"));
		if (!this.process.isAlive()) {
			throw new IllegalStateException("dnsmasq did not start: " + readQuietly(log));
		}
	}

	private static String readQuietly(Path log) {
		try {
			return Files.readString(log);
		}
		catch (IOException ex) {
			return "(no log: " + ex + ")";
		}
	}

	/** The server, as {@code host:port}. */
	public String server() {
		return "127.0.0.1:" + this.port;
	}

	/** Makes {@code name} (in {@link #DOMAIN}) resolve to exactly {@code addresses} from now on. */
	public void publish(String name, List<String> addresses) {
		StringBuilder file = new StringBuilder();
		addresses.forEach((address) -> file.append(address).append(' ').append(name).append('\n'));
		try {
			Files.writeString(this.hosts, file);
			Process reload = new ProcessBuilder("kill", "-HUP", Long.toString(this.process.pid())).start();
			if (reload.waitFor() != 0) {
				throw new IllegalStateException("could not signal dnsmasq to read its hosts file again");
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		this.process.destroy();
	}
}
