package io.casty.spring.autoconfigure;

import io.casty.InvalidCastyPropertyException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns an {@link InvalidCastyPropertyException} into a startup report that says which
 * property is wrong and how to fix it, instead of a stack trace.
 */
class InvalidCastyClientPropertyFailureAnalyzer extends AbstractFailureAnalyzer<InvalidCastyPropertyException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidCastyPropertyException cause) {
		return new FailureAnalysis("Invalid Casty client configuration: " + cause.getDescription(), cause.getAction(),
				cause);
	}

}
