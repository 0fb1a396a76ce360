package io.casty.spring.test;

import io.casty.CastyException;
import io.casty.cluster.ClusteredActorSystem;
import io.casty.cluster.EntityType;
import io.casty.remote.TransportSettings;
import io.micrometer.observation.ObservationRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the test node on 127.0.0.1 and a port that is free, and waits until it owns every shard
 * of the entity types it hosts, so that the first message of a test finds its entity.
 *
 * <p>The node needs its port before it binds (the port is part of its address), so the operating
 * system picks a free one and the node binds it a moment later. Another process may take the port
 * in that moment; the node then tries another, a few times.
 */
final class TestNodeStarter {

	static final String HOST = "127.0.0.1";

	/** How many ports the starter tries before it gives up. */
	static final int BIND_ATTEMPTS = 5;

	/** How long the node may take to allocate its shards; one node allocates them in milliseconds. */
	static final Duration ALLOCATION_TIMEOUT = Duration.ofSeconds(10);

	private static final Logger logger = LoggerFactory.getLogger(TestNodeStarter.class);

	private final String systemName;

	private final List<Class<?>> messageClasses;

	private final TransportSettings transport;

	private final ObservationRegistry observationRegistry;

	private final IntSupplier ports;

	/**
	 * @param observationRegistry the application's: the node's observations of its entities join
	 *     the traces of the client's requests, as a real node's would
	 */
	TestNodeStarter(String systemName, List<Class<?>> messageClasses, TransportSettings transport,
			ObservationRegistry observationRegistry) {
		this(systemName, messageClasses, transport, observationRegistry, TestNodeStarter::freePort);
	}

	/** With the ports to try, for the test of a port taken between its choice and the bind. */
	TestNodeStarter(String systemName, List<Class<?>> messageClasses, TransportSettings transport,
			ObservationRegistry observationRegistry, IntSupplier ports) {
		this.systemName = systemName;
		this.messageClasses = messageClasses;
		this.transport = transport;
		this.observationRegistry = observationRegistry;
		this.ports = ports;
	}

	CastyTestNode start(List<EntityType<?>> entityTypes) {
		ClusteredActorSystem node = bind();
		try {
			entityTypes.forEach(node::shardRegion);
			node.awaitAllocations(ALLOCATION_TIMEOUT);
		}
		catch (RuntimeException ex) {
			node.close();
			throw ex;
		}
		logger.info("Casty test node of '{}' on {} hosts {}", this.systemName, node.address().hostPort(),
				entityTypes.stream().map(EntityType::name).toList());
		return new CastyTestNode(node);
	}

	private ClusteredActorSystem bind() {
		CastyException failure = null;
		for (int attempt = 1; attempt <= BIND_ATTEMPTS; attempt++) {
			int port = this.ports.getAsInt();
			try {
				return ClusteredActorSystem.builder(this.systemName)
					.host(HOST)
					.port(port)
					.registerMessages(this.messageClasses)
					.transport(this.transport)
					.observationRegistry(this.observationRegistry)
					// The context closes the node; a JVM hook of its own would only repeat that.
					.leaveOnShutdown(false)
					.start();
			}
			catch (CastyException ex) {
				if (!(ex.getCause() instanceof IOException)) {
					throw ex;
				}
				logger.debug("Port {} was taken before the test node could bind it; trying another", port);
				if (failure == null) {
					failure = new CastyException("The Casty test node could not bind any of " + BIND_ATTEMPTS
							+ " free ports on " + HOST + ": each was taken between its choice and the bind (the "
							+ "suppressed exceptions name them). Something on this machine takes ports as fast as "
							+ "they are freed; run the tests where fewer processes open ports.");
				}
				failure.addSuppressed(ex);
			}
		}
		throw failure;
	}

	/** A port nothing listens on now, as the operating system picks it. */
	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The Casty test node could not get a free port on " + HOST, ex);
		}
	}

}
