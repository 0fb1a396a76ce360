package io.casty.persistence.jdbc;

import java.sql.SQLException;

/** Reading what an {@link SQLException} means, the same way on PostgreSQL and H2. */
final class SqlErrors {

	/** SQL:2003's "unique violation": both PostgreSQL and H2 report a duplicate key with it. */
	private static final String UNIQUE_VIOLATION = "23505";

	private SqlErrors() {
	}

	/** Whether the failure, or one chained to it (a batch's next exception), is a duplicate key. */
	static boolean isDuplicateKey(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof SQLException sql) {
				for (SQLException next = sql; next != null; next = next.getNextException()) {
					if (UNIQUE_VIOLATION.equals(next.getSQLState())) {
						return true;
					}
				}
			}
		}
		return false;
	}

	/** The first line of the deepest useful message: what a person needs in a log or health. */
	static String describe(Throwable failure) {
		Throwable deepest = failure;
		if (failure instanceof SQLException sql && sql.getNextException() != null) {
			deepest = sql.getNextException();
		}
		while (deepest.getCause() != null && deepest.getCause() != deepest) {
			deepest = deepest.getCause();
		}
		String message = String.valueOf(deepest.getMessage());
		int newline = message.indexOf('\n');
		return deepest.getClass().getSimpleName() + ": " + ((newline < 0) ? message : message.substring(0, newline));
	}
}
