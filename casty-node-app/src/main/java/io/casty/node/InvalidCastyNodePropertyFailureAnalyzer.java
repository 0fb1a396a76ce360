package io.casty.node;

import io.casty.InvalidCastyPropertyException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns an {@link InvalidCastyPropertyException} into a startup report that says which
 * property is wrong and how to fix it, instead of a stack trace.
 */
class InvalidCastyNodePropertyFailureAnalyzer extends AbstractFailureAnalyzer<InvalidCastyPropertyException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidCastyPropertyException cause) {
		return new FailureAnalysis("Invalid Casty node configuration: " + cause.getDescription(), cause.getAction(),
				cause);
	}

}
