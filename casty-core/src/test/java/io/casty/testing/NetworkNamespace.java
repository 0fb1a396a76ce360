package io.casty.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Assumptions;

/**
 * A network namespace of a test's own, whose node processes it partitions: packets between
 * chosen addresses are dropped (not refused: a partition says nothing) by iptables rules inside
 * the namespace, which the rest of the machine never sees. Needs root (or CAP_NET_ADMIN and
 * CAP_SYS_ADMIN), {@code ip} and {@code iptables}; {@link #create} skips the test, saying what is
 * missing, where they are not.
 *
 * <p>Addressing. The namespace gets one end of a veth pair, with the node addresses
 * {@code 10.213.S.2} to {@code 10.213.S.6} ({@link #nodeHost}); the other end, in the root
 * namespace where the test JVM runs, is {@code 10.213.S.1/24} ({@link #clientHost}), for a free
 * {@code S}, and also {@code 10.213.S.254} ({@link #serviceHost}), an address no cut names: for a
 * service in this JVM that the nodes must reach whatever the partition (a database server), while
 * the client's address is cut. The test's {@code ClusterClient} reaches every node directly over the veth, its
 * connections leaving from {@code 10.213.S.1}; nodes reach each other over the namespace's
 * loopback, as addresses of a namespace's own are delivered locally, each dialling from its own
 * address (the transport binds its outbound connections to the address the node listens on).
 * So every packet a node receives passes the namespace's {@code INPUT} chain and every packet
 * to the client its {@code OUTPUT} chain, and a cut is a DROP rule there by source and
 * destination. The namespace's own {@code 127.0.0.x} addresses would not do: the root
 * namespace cannot route to another namespace's loopback ({@code 127.0.0.0/8} is local in every
 * namespace), so the client would have to run in yet another process inside.
 *
 * <p>{@link #close} deletes the namespace, and with it its rules, addresses and veth pair. The
 * namespace's name carries the test JVM's pid ({@code casty-<name>-<pid>-<random>}): a JVM
 * shutdown hook deletes what a run left open, and {@link #create} sweeps the namespaces of
 * runs whose JVM is gone (killed), with any node still running in them.
 */
public final class NetworkNamespace implements AutoCloseable {

	/** How many node addresses a namespace has. */
	public static final int NODES = 5;

	private static final Pattern OWN_NAME = Pattern.compile("casty-.+-(\\d+)-[0-9a-f]{4}");

	private static final Set<NetworkNamespace> OPEN = new LinkedHashSet<>();

	static {
		Runtime.getRuntime().addShutdownHook(new Thread(NetworkNamespace::closeAllOpen, "network-namespaces-cleanup"));
	}

	private final String name;

	/** The third byte of the namespace's subnet, {@code 10.213.<subnet>.0/24}, once its veth pair is made. */
	private int subnet = -1;

	private final List<String> rules = new ArrayList<>();

	private boolean closed;

	private NetworkNamespace(String name) {
		this.name = name;
	}

	/**
	 * Creates a namespace whose name says {@code name}, with its loopback up and its veth pair to
	 * this JVM's namespace; skips the calling test (a JUnit assumption) if this machine or user
	 * cannot.
	 */
	public static NetworkNamespace create(String name) {
		Optional<String> noIp = missingCommand("ip", "-V");
		Assumptions.assumeTrue(noIp.isEmpty(), () -> "network namespaces unavailable: " + noIp.orElseThrow());
		sweepStale();
		String namespace = "casty-" + name + "-" + ProcessHandle.current().pid() + "-"
				+ String.format("%04x", ThreadLocalRandom.current().nextInt(0x10000));
		Result added = run(null, "ip", "netns", "add", namespace);
		Assumptions.assumeTrue(added.succeeded(), () -> "cannot create a network namespace (needs root, or "
				+ "CAP_SYS_ADMIN and CAP_NET_ADMIN): ip netns add: " + added.error().strip());
		NetworkNamespace created = new NetworkNamespace(namespace);
		try {
			created.ip("link", "set", "lo", "up");
			Optional<String> noIptables = missingCommand("iptables-restore", "--version");
			Result probe = noIptables.isPresent() ? null : created.restore(false, "");
			if (noIptables.isPresent() || !probe.succeeded()) {
				created.close();
				Assumptions.abort("iptables unavailable in a network namespace (on Debian: apt-get install -y "
						+ "iptables nftables): " + noIptables.orElseGet(() -> probe.error().strip()));
			}
			created.addVeth();
			synchronized (OPEN) {
				OPEN.add(created);
			}
			System.out.println("[" + namespace + "] created: nodes on " + created.nodeHost(1) + " to "
					+ created.nodeHost(NODES) + ", the client on " + created.clientHost() + ", services on "
					+ created.serviceHost());
			return created;
		}
		catch (RuntimeException ex) {
			created.close();
			throw ex;
		}
	}

	/** Adds the veth pair on a free {@code 10.213.S.0/24}, or skips the test if veth pairs cannot be made. */
	private void addVeth() {
		List<Integer> subnets = new ArrayList<>(IntStream.rangeClosed(1, 254).boxed().toList());
		Collections.shuffle(subnets);
		String lastError = "no free 10.213.S.0/24 subnet";
		for (int candidate : subnets) {
			if (inUse(candidate)) {
				continue;
			}
			// The root end's name claims the subnet: a run starting beside this one fails to take it.
			String rootEnd = "casty" + candidate;
			Result veth = run(null, "ip", "link", "add", rootEnd, "type", "veth", "peer", "name", rootEnd + "n",
					"netns", name);
			if (!veth.succeeded()) {
				lastError = "ip link add ... type veth: " + veth.error().strip();
				if (veth.error().contains("File exists")) {
					continue;
				}
				break;
			}
			subnet = candidate;
			check(run(null, "ip", "addr", "add", clientHost() + "/24", "dev", rootEnd), "ip addr add");
			check(run(null, "ip", "addr", "add", serviceHost() + "/32", "dev", rootEnd), "ip addr add");
			check(run(null, "ip", "link", "set", rootEnd, "up"), "ip link set up");
			for (int node = 1; node <= NODES; node++) {
				ip("addr", "add", nodeHost(node) + "/24", "dev", rootEnd + "n");
			}
			ip("link", "set", rootEnd + "n", "up");
			return;
		}
		Assumptions.abort("cannot give a network namespace a veth pair to this one: " + lastError);
	}

	/** Whether the machine has an address or a route (other than the default one) in {@code 10.213.<subnet>.0/24}. */
	private static boolean inUse(int subnet) {
		String prefix = "10.213." + subnet + ".";
		Result routes = run(null, "ip", "-4", "route", "show", "match", prefix + "1");
		Result addresses = run(null, "ip", "-4", "-o", "addr", "show", "to", prefix + "0/24");
		return routes.output().lines().anyMatch(route -> !route.startsWith("default"))
				|| !addresses.output().isBlank();
	}

	public String name() {
		return name;
	}

	/** The address of the namespace's node {@code index}, 1 to {@link #NODES}. */
	public String nodeHost(int index) {
		if (index < 1 || index > NODES) {
			throw new IllegalArgumentException("node " + index + " (expected: 1-" + NODES + ")");
		}
		return "10.213." + subnet + "." + (index + 1);
	}

	/** The address a client in this JVM's namespace reaches the nodes from. */
	public String clientHost() {
		return "10.213." + subnet + ".1";
	}

	/**
	 * Another address of this JVM's namespace, on the same veth as {@link #clientHost}, that no
	 * cut ever names: a server in this JVM listening on it (on every address) stays reachable
	 * from every node, even from one {@link #isolate isolated} from the client. Connections this
	 * JVM opens to the nodes still leave from {@link #clientHost}.
	 */
	public String serviceHost() {
		return "10.213." + subnet + ".254";
	}

	/** {@code command}, run inside the namespace. */
	public List<String> exec(List<String> command) {
		List<String> inside = new ArrayList<>(List.of("ip", "netns", "exec", name));
		inside.addAll(command);
		return inside;
	}

	/**
	 * Drops every packet between the node at {@code host} and every other node of the
	 * namespace, both ways, and between it and the client.
	 */
	public void isolate(String host) {
		List<String> added = new ArrayList<>(cutsFromNodes(host));
		added.addAll(cutRules(host, clientHost()));
		apply("isolate " + host + " from the other nodes and the client", added);
	}

	/** Drops every packet between the node at {@code host} and every other node, both ways; the client still reaches it. */
	public void isolateFromNodes(String host) {
		apply("isolate " + host + " from the other nodes (not from the client)", cutsFromNodes(host));
	}

	/** Drops every packet between {@code a} and {@code b}, both ways; each still reaches the others. */
	public void cut(String a, String b) {
		apply("cut " + a + " <-> " + b, cutRules(a, b));
	}

	/** Drops the packets from {@code from} to {@code to}, and only those: {@code to} still reaches {@code from}. */
	public void cutOneWay(String from, String to) {
		apply("cut " + from + " -> " + to + " (one way)", List.of(dropRule(from, to)));
	}

	/** Removes every rule: the network is whole again. */
	public void heal() {
		long started = System.nanoTime();
		check(restore(false, ""), "iptables-restore");
		System.out.println("[" + name + "] heal: removed " + rules.size() + " rules in "
				+ TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) + " ms");
		rules.clear();
	}

	private List<String> cutsFromNodes(String host) {
		List<String> added = new ArrayList<>();
		for (int node = 1; node <= NODES; node++) {
			if (!nodeHost(node).equals(host)) {
				added.addAll(cutRules(host, nodeHost(node)));
			}
		}
		return added;
	}

	private List<String> cutRules(String a, String b) {
		return List.of(dropRule(a, b), dropRule(b, a));
	}

	/**
	 * The rule that drops packets from {@code from} to {@code to}: where they arrive, in
	 * {@code INPUT}, for a node; where they leave the namespace, in {@code OUTPUT}, for the
	 * client, whose side of the veth is outside.
	 */
	private String dropRule(String from, String to) {
		String chain = to.equals(clientHost()) ? "OUTPUT" : "INPUT";
		return "-A " + chain + " -s " + from + "/32 -d " + to + "/32 -j DROP";
	}

	/** Adds the rules at once (one {@code iptables-restore}), and says so. */
	private void apply(String what, List<String> added) {
		long started = System.nanoTime();
		check(restore(true, String.join("\n", added) + "\n"), "iptables-restore");
		rules.addAll(added);
		System.out.println("[" + name + "] " + what + ": " + added.size() + " rules in "
				+ TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) + " ms");
	}

	/**
	 * Loads {@code rules} into the namespace's filter table: added to its rules with
	 * {@code keep}, replacing them all (an empty table: nothing dropped) without.
	 */
	private Result restore(boolean keep, String rules) {
		String table = "*filter\n" + (keep ? "" : ":INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n")
				+ rules + "COMMIT\n";
		List<String> command = new ArrayList<>(List.of("iptables-restore", "-w", "5"));
		if (keep) {
			command.add("--noflush");
		}
		return run(table, exec(command).toArray(String[]::new));
	}

	private void ip(String... arguments) {
		List<String> command = new ArrayList<>(List.of("ip", "-n", name));
		command.addAll(List.of(arguments));
		check(run(null, command.toArray(String[]::new)), "ip " + String.join(" ", arguments));
	}

	private void check(Result result, String what) {
		if (!result.succeeded()) {
			throw new IllegalStateException("[" + name + "] " + what + " failed: " + result.error().strip());
		}
	}

	/**
	 * Kills whatever still runs in the namespace (nodes a failed test left behind) and deletes
	 * the namespace, which removes its rules, addresses and veth pair.
	 */
	@Override
	public void close() {
		synchronized (this) {
			if (closed) {
				return;
			}
			closed = true;
		}
		delete(name);
		synchronized (OPEN) {
			OPEN.remove(this);
		}
	}

	private static void delete(String namespace) {
		for (String pid : run(null, "ip", "netns", "pids", namespace).output().split("\\s+")) {
			if (!pid.isBlank()) {
				ProcessHandle.of(Long.parseLong(pid)).ifPresent(process -> {
					process.destroyForcibly();
					process.onExit().orTimeout(10, TimeUnit.SECONDS).exceptionally(timeout -> null).join();
				});
			}
		}
		Result deleted = run(null, "ip", "netns", "delete", namespace);
		System.out.println("[" + namespace + "] deleted" + (deleted.succeeded() ? "" : ": " + deleted.error().strip()));
	}

	private static void closeAllOpen() {
		List<NetworkNamespace> open;
		synchronized (OPEN) {
			open = new ArrayList<>(OPEN);
		}
		open.forEach(NetworkNamespace::close);
	}

	/** Deletes the namespaces of test runs whose JVM is gone, with any node left running in them. */
	private static void sweepStale() {
		for (String line : run(null, "ip", "netns", "list").output().lines().toList()) {
			String namespace = line.split(" ")[0];
			Matcher own = OWN_NAME.matcher(namespace);
			if (own.matches() && ProcessHandle.of(Long.parseLong(own.group(1))).isEmpty()) {
				System.out.println("[" + namespace + "] left by a test run that is gone; deleting it");
				delete(namespace);
			}
		}
	}

	/** Why {@code command} cannot run, if it cannot. */
	private static Optional<String> missingCommand(String command, String versionFlag) {
		try {
			Process process = new ProcessBuilder(command, versionFlag).redirectErrorStream(true).start();
			process.getInputStream().readAllBytes();
			process.waitFor();
			return Optional.empty();
		}
		catch (IOException ex) {
			return Optional.of(command + " is not installed (" + ex.getMessage() + ")");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Optional.of("interrupted while looking for " + command);
		}
	}

	private record Result(int exitCode, String output, String error) {

		boolean succeeded() {
			return exitCode == 0;
		}
	}

	/** Runs {@code command} to its end, with {@code input} (if not null) on its stdin. */
	private static Result run(String input, String... command) {
		try {
			Process process = new ProcessBuilder(command).start();
			try (OutputStream stdin = process.getOutputStream()) {
				if (input != null) {
					stdin.write(input.getBytes(StandardCharsets.UTF_8));
				}
			}
			CompletableFuture<String> error = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
			String output = read(process.getInputStream());
			if (!process.waitFor(30, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException("did not finish within 30 s: " + String.join(" ", command));
			}
			return new Result(process.exitValue(), output, error.join());
		}
		catch (IOException ex) {
			return new Result(-1, "", "could not run " + command[0] + ": " + ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while running " + String.join(" ", command), ex);
		}
	}

	private static String read(InputStream stream) {
		try {
			return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			return "";
		}
	}
}
