package io.casty.node;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns an {@link InvalidCastyNodePropertyException} into a startup report that says which
 * property is wrong and how to fix it, instead of a stack trace.
 */
class InvalidCastyNodePropertyFailureAnalyzer extends AbstractFailureAnalyzer<InvalidCastyNodePropertyException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidCastyNodePropertyException cause) {
		return new FailureAnalysis("Invalid Casty node configuration: " + cause.getDescription(), cause.getAction(),
				cause);
	}

}
