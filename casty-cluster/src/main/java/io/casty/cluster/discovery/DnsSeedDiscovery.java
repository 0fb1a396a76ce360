package io.casty.cluster.discovery;

import io.casty.CastyException;
import io.casty.Settings;
import io.casty.actor.NodeAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.TreeSet;
import javax.naming.Context;
import javax.naming.NameNotFoundException;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.directory.Attributes;
import javax.naming.directory.DirContext;
import javax.naming.directory.InitialDirContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the seed nodes in DNS: the addresses (A records) of one name, such as a Kubernetes
 * headless service's, each with the cluster port. Every node of the cluster asks for the same
 * name and gets the same list, itself included, so the seeds started together agree on one
 * founder (the lowest address, after the seed timeout) and a node started into a running
 * cluster joins it (see {@code ClusteredActorSystem.Builder#seedNodes}).
 *
 * <p>It asks the DNS server on every attempt (JNDI's DNS provider, which keeps no cache, unlike
 * {@code InetAddress}), so records that appear late are seen at the next attempt, and waits until
 * the name has at least the required number of addresses: with a StatefulSet of three nodes,
 * three (and the service publishing not-ready addresses), so that no node founds a cluster of its
 * own before it sees the others.
 *
 * <pre>{@code
 * List<String> seeds = DnsSeedDiscovery.builder("casty-nodes.shop.svc.cluster.local", 25520)
 *     .requiredAddresses(3)
 *     .build()
 *     .seedNodes();
 * }</pre>
 */
public final class DnsSeedDiscovery {

	private static final Logger logger = LoggerFactory.getLogger(DnsSeedDiscovery.class);

	/** How long to wait for the required addresses, unless set. */
	public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(2);

	/** The pause between two lookups while too few addresses are found, unless set. */
	public static final Duration DEFAULT_RETRY_INTERVAL = Duration.ofSeconds(1);

	private final String name;

	private final int port;

	private final String server;

	private final int requiredAddresses;

	private final Duration timeout;

	private final Duration retryInterval;

	private DnsSeedDiscovery(Builder builder) {
		this.name = builder.name;
		this.port = builder.port;
		this.server = builder.server;
		this.requiredAddresses = builder.requiredAddresses;
		this.timeout = builder.timeout;
		this.retryInterval = builder.retryInterval;
	}

	/**
	 * @param name the DNS name whose A records are the nodes' addresses
	 * @param port the cluster port of every node ({@code casty.node.port})
	 */
	public static Builder builder(String name, int port) {
		return new Builder(name, port);
	}

	/**
	 * The seed nodes as {@code host:port}, sorted, once the name has at least the
	 * required number of addresses.
	 *
	 * @throws CastyException when it has fewer within the timeout
	 */
	public List<String> seedNodes() {
		long deadline = System.nanoTime() + timeout.toNanos();
		for (int attempt = 1;; attempt++) {
			List<String> found = lookUp();
			if (found.size() >= requiredAddresses) {
				List<String> seeds = found.stream().map((host) -> host + ":" + port).toList();
				logger.info("DNS name {} has {}: the seed nodes are {}", name, describe(found.size()), seeds);
				return seeds;
			}
			if (System.nanoTime() >= deadline) {
				throw new CastyException("DNS name " + name + " had " + describe(found.size()) + " " + found + " after "
						+ timeout + ", fewer than the " + requiredAddresses + " required; check the name (a headless "
						+ "service publishing not-ready addresses, in Kubernetes) and the required count");
			}
			if (attempt == 1 || attempt % 10 == 0) {
				logger.info("DNS name {} has {} {}, {} required; asking again every {} ms", name, describe(found.size()),
						found, requiredAddresses, retryInterval.toMillis());
			}
			try {
				Thread.sleep(retryInterval.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new CastyException("Interrupted while looking up the seed nodes in DNS name " + name, ex);
			}
		}
	}

	private static String describe(int count) {
		return count + ((count == 1) ? " address" : " addresses");
	}

	/** The name's addresses now; none while the name does not exist (yet). */
	private List<String> lookUp() {
		Hashtable<String, String> environment = new Hashtable<>();
		environment.put(Context.INITIAL_CONTEXT_FACTORY, "com.sun.jndi.dns.DnsContextFactory");
		// "dns:" alone is the system's resolver configuration.
		environment.put(Context.PROVIDER_URL, (server != null) ? "dns://" + server : "dns:");
		DirContext context = null;
		try {
			context = new InitialDirContext(environment);
			Attributes attributes = context.getAttributes(name, new String[] { "A" });
			Attribute records = attributes.get("A");
			TreeSet<String> addresses = new TreeSet<>();
			if (records != null) {
				NamingEnumeration<?> values = records.getAll();
				while (values.hasMore()) {
					addresses.add(values.next().toString());
				}
			}
			return new ArrayList<>(addresses);
		}
		catch (NameNotFoundException notYet) {
			return List.of();
		}
		catch (NamingException ex) {
			logger.warn("Looking up DNS name {} failed: {}", name, ex.toString());
			return List.of();
		}
		finally {
			if (context != null) {
				try {
					context.close();
				}
				catch (NamingException ignored) {
					// Nothing is held open by a closed lookup.
				}
			}
		}
	}

	/** Configures a {@link DnsSeedDiscovery}. */
	public static final class Builder {

		private final String name;

		private final int port;

		private String server;

		private int requiredAddresses = 1;

		private Duration timeout = DEFAULT_TIMEOUT;

		private Duration retryInterval = DEFAULT_RETRY_INTERVAL;

		private Builder(String name, int port) {
			this.name = NodeAddress.requireName(name, "name");
			if (port < 1 || port > 65535) {
				throw new IllegalArgumentException("port : " + port + " (expected: 1-65535)");
			}
			this.port = port;
		}

		/** The DNS server to ask, as {@code host:port}; the system's resolvers when not set. */
		public Builder server(String hostPort) {
			NodeAddress.ofHostPort("dns", hostPort, "server");
			this.server = hostPort.trim();
			return this;
		}

		/** How many addresses the name must have before they are the seeds; 1 unless set. */
		public Builder requiredAddresses(int requiredAddresses) {
			if (requiredAddresses < 1) {
				throw new IllegalArgumentException("requiredAddresses : " + requiredAddresses + " (expected: >= 1)");
			}
			this.requiredAddresses = requiredAddresses;
			return this;
		}

		/** How long to wait for the required addresses; see {@link #DEFAULT_TIMEOUT}. */
		public Builder timeout(Duration timeout) {
			this.timeout = Settings.positive(timeout, "timeout");
			return this;
		}

		/** The pause between two lookups; see {@link #DEFAULT_RETRY_INTERVAL}. */
		public Builder retryInterval(Duration retryInterval) {
			this.retryInterval = Settings.positive(retryInterval, "retryInterval");
			return this;
		}

		public DnsSeedDiscovery build() {
			return new DnsSeedDiscovery(this);
		}
	}
}
