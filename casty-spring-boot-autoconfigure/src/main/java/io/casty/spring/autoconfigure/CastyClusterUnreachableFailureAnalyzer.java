package io.casty.spring.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports a fail-fast startup that could not reach the cluster, with the three ways out: start
 * the cluster, fix the address, or let the application start without it.
 */
class CastyClusterUnreachableFailureAnalyzer extends AbstractFailureAnalyzer<CastyClusterUnreachableException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, CastyClusterUnreachableException cause) {
		return new FailureAnalysis(cause.getMessage(),
				"Start the nodes of cluster '" + cause.getSystemName() + "', or correct casty.client.contact-points "
						+ cause.getContactPoints() + " and casty.client.system-name, or raise casty.client.startup.timeout"
						+ " (" + cause.getTimeout().toMillis() + " ms). To start without the cluster and connect in the "
						+ "background, set casty.client.startup.mode=background.",
				cause);
	}

}
