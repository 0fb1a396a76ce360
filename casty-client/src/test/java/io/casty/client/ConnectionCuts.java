package io.casty.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Cuts established TCP connections on this machine while both processes keep running, with
 * {@code ss -K} (the kernel's SOCK_DESTROY: the destroyed end sees its connection aborted, the
 * other end receives a reset). Needs root or CAP_NET_ADMIN and a kernel built with
 * {@code CONFIG_INET_DIAG_DESTROY}; {@link #unavailable()} says why not, if not. Sockets are
 * named by address and port exactly, so connections of other programs on the machine are left
 * alone.
 */
final class ConnectionCuts {

	private static final Pattern PID = Pattern.compile("pid=(\\d+)");

	private ConnectionCuts() {
	}

	/** One end of an established TCP connection: its own and its peer's {@code host:port}, its owners' pids. */
	record End(String local, String peer, Set<Long> pids) {

		/** The connection this end belongs to, the same for both ends. */
		String connection() {
			return local.compareTo(peer) < 0 ? local + " " + peer : peer + " " + local;
		}

		boolean ownedBy(long pid) {
			return pids.contains(pid);
		}
	}

	/**
	 * Why {@code ss -K} cannot cut connections here, found by cutting a connection of this JVM's
	 * own; empty if it can.
	 */
	static Optional<String> unavailable() {
		try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
				Socket client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
				Socket accepted = server.accept()) {
			String address = InetAddress.getLoopbackAddress().getHostAddress() + ":" + server.getLocalPort();
			Result result = ss("-K", "-tnH", "state", "established",
					"( src " + address + " or dst " + address + " )");
			if (result.exitCode() != 0) {
				return Optional.of("ss -K exited with " + result.exitCode() + ": " + result.error().strip());
			}
			client.setSoTimeout(2000);
			try {
				client.getInputStream().read();
				// End of stream or a byte: the connection was not aborted (it would fail with a reset)
				return Optional.of("ss -K did not cut a test connection" + stderrOf(result));
			}
			catch (SocketTimeoutException stillOpen) {
				return Optional.of("ss -K left a test connection open (not root nor CAP_NET_ADMIN, or a kernel"
						+ " without CONFIG_INET_DIAG_DESTROY)" + stderrOf(result));
			}
			catch (IOException reset) {
				return Optional.empty();
			}
		}
		catch (IOException ex) {
			return Optional.of("could not run ss: " + ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Optional.of("interrupted while probing ss -K");
		}
	}

	private static String stderrOf(Result result) {
		return result.error().isBlank() ? "" : " (" + result.error().strip() + ")";
	}

	/** Every established TCP connection end on this machine, with its owners. */
	static List<End> established() throws IOException, InterruptedException {
		Result result = ss("-tnpH", "state", "established");
		if (result.exitCode() != 0) {
			throw new IllegalStateException("ss -tnp exited with " + result.exitCode() + ": " + result.error());
		}
		List<End> ends = new ArrayList<>();
		for (String line : result.output().split("\n")) {
			// Recv-Q Send-Q Local Peer [users:(("java",pid=1,fd=2))]
			String[] columns = line.trim().split("\\s+");
			if (columns.length < 4) {
				continue;
			}
			Set<Long> pids = new LinkedHashSet<>();
			Matcher pid = PID.matcher(line);
			while (pid.find()) {
				pids.add(Long.parseLong(pid.group(1)));
			}
			ends.add(new End(plain(columns[2]), plain(columns[3]), pids));
		}
		return ends;
	}

	/** {@code [::ffff:127.0.0.1]:80} (an IPv4 address on a dual-stack socket, as Java opens them) to {@code 127.0.0.1:80}. */
	private static String plain(String address) {
		return address.replace("[::ffff:", "").replace("]", "");
	}

	/**
	 * Cuts, at both ends, every established connection one of whose ends is chosen; returns how
	 * many connections were cut.
	 */
	static int cut(Predicate<End> chosen) throws IOException, InterruptedException {
		Set<String> connections = established().stream()
			.filter(chosen)
			.map(End::connection)
			.collect(Collectors.toCollection(LinkedHashSet::new));
		if (connections.isEmpty()) {
			return 0;
		}
		List<String> clauses = new ArrayList<>();
		for (String connection : connections) {
			String[] ends = connection.split(" ");
			clauses.add("( src " + ends[0] + " and dst " + ends[1] + " )");
			clauses.add("( src " + ends[1] + " and dst " + ends[0] + " )");
		}
		Result result = ss("-K", "-tnH", "state", "established", "( " + String.join(" or ", clauses) + " )");
		if (result.exitCode() != 0) {
			throw new IllegalStateException("ss -K exited with " + result.exitCode() + ": " + result.error());
		}
		// ss lists what it destroyed: one end or both (the first end's reset may close the other first)
		Set<String> cut = new LinkedHashSet<>();
		for (String line : result.output().split("\n")) {
			String[] columns = line.trim().split("\\s+");
			if (columns.length >= 4) {
				cut.add(new End(plain(columns[2]), plain(columns[3]), Set.of()).connection());
			}
		}
		return cut.size();
	}

	private record Result(int exitCode, String output, String error) {
	}

	private static Result ss(String... arguments) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		command.add("ss");
		command.addAll(List.of(arguments));
		Process process = new ProcessBuilder(command).start();
		process.getOutputStream().close();
		// ss writes little; reading stdout to its end before stderr cannot block on a full pipe
		String output = read(process.getInputStream());
		String error = read(process.getErrorStream());
		if (!process.waitFor(30, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new IllegalStateException("ss did not finish within 30 s: " + command);
		}
		return new Result(process.exitValue(), output, error);
	}

	private static String read(InputStream stream) throws IOException {
		return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
	}
}
