package io.casty.spring.autoconfigure.node;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a {@link NodeBindException} at startup: which address could not be bound, and the
 * two ways out (stop the other process, or give this node another host or port).
 */
class NodeBindFailureAnalyzer extends AbstractFailureAnalyzer<NodeBindException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, NodeBindException cause) {
		return new FailureAnalysis(cause.getMessage(),
				"Another process (perhaps another node) may already listen on " + cause.getHost() + ":"
						+ cause.getPort() + ", or " + cause.getHost() + " may not be an address of this machine. "
						+ "Stop that process, or start this node elsewhere, for example with --casty.node.port=25521 "
						+ "or --casty.node.host=127.0.0.2 (and --server.port for its actuator).",
				cause);
	}

}
