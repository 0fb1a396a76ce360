package io.casty.client;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Every contact point refused the client's system name: each is a node of another system. No
 * topology can come until the client's system name, or its contact points, are corrected, so
 * {@link ClusterClient#awaitTopology} fails with this at once instead of at its timeout.
 */
public class SystemNameRefusedException extends ClusterUnavailableException {

	private final String systemName;

	private final Map<String, String> nodeSystemNames;

	/**
	 * @param systemName the client's system name
	 * @param nodeSystemNames the system of the node at each contact point ({@code host:port}), in
	 *     the configured order
	 */
	public SystemNameRefusedException(String systemName, Map<String, String> nodeSystemNames) {
		super("Every contact point refused system name '" + systemName + "': "
				+ nodeSystemNames.entrySet()
					.stream()
					.map(node -> node.getKey() + " is a node of system '" + node.getValue() + "'")
					.collect(Collectors.joining(", "))
				+ "; set the client's system name (casty.client.system-name, or systemName on the builder) to the "
				+ "cluster's, or correct the contact points");
		this.systemName = systemName;
		this.nodeSystemNames = Collections.unmodifiableMap(new LinkedHashMap<>(nodeSystemNames));
	}

	/** The client's system name, which the nodes refused. */
	public String systemName() {
		return systemName;
	}

	/** The system of the node at each contact point, by {@code host:port}, in the configured order. */
	public Map<String, String> nodeSystemNames() {
		return nodeSystemNames;
	}
}
