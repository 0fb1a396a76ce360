package io.casty.spring.autoconfigure;

import io.casty.InvalidCastyPropertyException;
import io.casty.client.ClusterClient;
import io.casty.client.ClusterUnavailableException;
import io.casty.client.SystemNameRefusedException;
import io.casty.spring.autoconfigure.CastyClientConnectionDetails.Node;
import io.casty.spring.autoconfigure.CastyClientProperties.Startup;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Applies {@code casty.client.startup.*}: in fail-fast mode, startup waits here for the first
 * topology; in background mode it goes on at once and the client connects on its own.
 */
final class ClusterClientStartup {

	private final Startup startup;

	private final CastyClientConnectionDetails connectionDetails;

	/** Validates the settings before any client exists, so that a mistake leaves nothing to close. */
	ClusterClientStartup(Startup startup, CastyClientConnectionDetails connectionDetails) {
		Duration timeout = startup.getTimeout();
		if (startup.getMode() == Startup.Mode.FAIL_FAST
				&& (timeout == null || timeout.isNegative() || timeout.isZero())) {
			throw new InvalidCastyPropertyException("casty.client.startup.timeout",
					"casty.client.startup.timeout is '" + timeout + "', but fail-fast startup needs a positive wait.",
					"Set casty.client.startup.timeout to how long startup may wait for the cluster, for example 10s.");
		}
		this.startup = startup;
		this.connectionDetails = connectionDetails;
	}

	/**
	 * Waits for the cluster if the mode says so; closes the client before failing, because a
	 * bean that fails to initialise is never destroyed by the context.
	 */
	ClusterClient await(ClusterClient client) {
		if (this.startup.getMode() != Startup.Mode.FAIL_FAST) {
			return client;
		}
		Duration timeout = this.startup.getTimeout();
		try {
			client.awaitTopology(timeout);
			return client;
		}
		catch (SystemNameRefusedException ex) {
			client.close();
			throw systemNameRefused(ex);
		}
		catch (ClusterUnavailableException ex) {
			String lastError = client.state().lastError().orElse(null);
			client.close();
			throw new CastyClusterUnreachableException(this.connectionDetails.getSystemName(),
					this.connectionDetails.getContactPoints().stream().map(Node::hostPort).toList(), timeout, lastError,
					ex);
		}
	}

	private static InvalidCastyPropertyException systemNameRefused(SystemNameRefusedException ex) {
		String property = "casty.client.system-name";
		Map<String, String> nodes = ex.nodeSystemNames();
		String refusals = nodes.entrySet()
			.stream()
			.map((node) -> node.getKey() + " is a node of system '" + node.getValue() + "'")
			.collect(Collectors.joining(", "));
		String names = nodes.values()
			.stream()
			.distinct()
			.map((name) -> "'" + name + "'")
			.collect(Collectors.joining(" or "));
		return new InvalidCastyPropertyException(property,
				property + " is '" + ex.systemName() + "', but every contact point refused it: " + refusals + ".",
				"Set " + property + " to the nodes' casty.node.system-name (" + names + "), or correct "
						+ "casty.client.contact-points " + nodes.keySet() + " if those are another cluster's nodes.",
				ex);
	}

}
