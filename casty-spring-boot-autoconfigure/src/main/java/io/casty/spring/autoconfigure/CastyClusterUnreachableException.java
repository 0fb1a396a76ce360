package io.casty.spring.autoconfigure;

import java.time.Duration;
import java.util.List;

/**
 * With {@code casty.client.startup.mode=fail-fast}, the cluster sent no topology within
 * {@code casty.client.startup.timeout}, so the application refuses to start.
 * {@link CastyClusterUnreachableFailureAnalyzer} reports it with the ways out.
 */
public class CastyClusterUnreachableException extends RuntimeException {

	private final String systemName;

	private final List<String> contactPoints;

	private final Duration timeout;

	/**
	 * Creates an exception.
	 * @param systemName the cluster's system name
	 * @param contactPoints the contact points tried, as {@code host:port}
	 * @param timeout how long startup waited
	 * @param lastError the client's last connection error, if it had one
	 * @param cause what the client reported
	 */
	public CastyClusterUnreachableException(String systemName, List<String> contactPoints, Duration timeout,
			String lastError, Throwable cause) {
		super("Casty cluster '" + systemName + "' sent no topology within " + timeout.toMillis()
				+ " ms (casty.client.startup.mode=fail-fast); contact points " + contactPoints
				+ ((lastError != null) ? "; last error: " + lastError : ""), cause);
		this.systemName = systemName;
		this.contactPoints = List.copyOf(contactPoints);
		this.timeout = timeout;
	}

	/**
	 * The cluster's system name.
	 * @return the system name
	 */
	public String getSystemName() {
		return this.systemName;
	}

	/**
	 * The contact points tried.
	 * @return the contact points, as {@code host:port}
	 */
	public List<String> getContactPoints() {
		return this.contactPoints;
	}

	/**
	 * How long startup waited.
	 * @return the startup timeout
	 */
	public Duration getTimeout() {
		return this.timeout;
	}

}
