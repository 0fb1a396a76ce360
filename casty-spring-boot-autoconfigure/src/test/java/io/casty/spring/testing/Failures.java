package io.casty.spring.testing;

/** Finds the exception a test expects inside a startup failure's chain of causes. */
public final class Failures {

	private Failures() {
	}

	public static <T extends Throwable> T causeOf(Throwable failure, Class<T> type) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return type.cast(cause);
			}
		}
		throw new AssertionError("No " + type.getSimpleName() + " in the causes of " + failure, failure);
	}
}
