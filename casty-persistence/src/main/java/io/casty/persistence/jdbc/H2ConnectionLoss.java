package io.casty.persistence.jdbc;

import com.zaxxer.hikari.SQLExceptionOverride;
import java.sql.SQLException;
import java.util.Set;

/**
 * Tells Hikari to drop a connection to an H2 journal that H2 says is lost. Hikari drops
 * a connection by itself only on the SQL states of a lost connection ({@code 08…}); H2 reports
 * one with codes of its own, so without this the pool hands the dead connection out again and
 * again, and under a steady load (it is then never idle long enough to be checked) every append
 * of the node fails until the node restarts. Set it as Spring Boot's
 * {@code spring.datasource.hikari.exception-override-class-name} (the node application does), or
 * with {@code HikariConfig.setExceptionOverride}. Needs HikariCP, an optional dependency here.
 */
public final class H2ConnectionLoss implements SQLExceptionOverride {

	/**
	 * H2's {@code ErrorCode.CONNECTION_BROKEN_1} (the server of the file went away),
	 * {@code DATABASE_CALLED_AT_SHUTDOWN} ("Database is already closed") and
	 * {@code DATABASE_IS_CLOSED}.
	 */
	static final Set<Integer> LOST = Set.of(90067, 90121, 90098);

	// Qualified: SQLExceptionOverride.Override hides the annotation's simple name here.
	@java.lang.Override
	public SQLExceptionOverride.Override adjudicate(SQLException ex) {
		return LOST.contains(ex.getErrorCode()) ? SQLExceptionOverride.Override.MUST_EVICT
				: SQLExceptionOverride.Override.CONTINUE_EVICT;
	}
}
