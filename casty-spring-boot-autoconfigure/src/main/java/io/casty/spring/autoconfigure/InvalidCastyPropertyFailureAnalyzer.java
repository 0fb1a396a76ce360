package io.casty.spring.autoconfigure;

import io.casty.InvalidCastyPropertyException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns an {@link InvalidCastyPropertyException} into a startup report that says which
 * property is wrong and how to fix it, instead of a stack trace; a {@code casty.node.*}
 * property is reported as the node's configuration, any other as the client's.
 */
public class InvalidCastyPropertyFailureAnalyzer extends AbstractFailureAnalyzer<InvalidCastyPropertyException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidCastyPropertyException cause) {
		String side = cause.getProperty().startsWith("casty.node.") ? "node" : "client";
		return new FailureAnalysis("Invalid Casty " + side + " configuration: " + cause.getDescription(),
				cause.getAction(), cause);
	}

}
