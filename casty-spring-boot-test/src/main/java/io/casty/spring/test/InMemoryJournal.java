package io.casty.spring.test;

import io.casty.persistence.jdbc.JdbcJournal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The test node's journal: Casty's own JDBC journal (schema, group commit, recovery) in an H2
 * database in memory, one per application context, dropped when the context closes.
 */
final class InMemoryJournal implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(InMemoryJournal.class);

	private final JdbcDataSource dataSource = new JdbcDataSource();

	private final JdbcJournal journal;

	InMemoryJournal() {
		// The database lives while no connection is open (DB_CLOSE_DELAY=-1) and while the JVM exits
		// (DB_CLOSE_ON_EXIT=FALSE), until close() drops it: the context closes its entities after
		// H2's own shutdown hook would have run.
		this.dataSource.setURL("jdbc:h2:mem:casty-test-journal-" + UUID.randomUUID()
				+ ";DB_CLOSE_DELAY=-1;DB_CLOSE_ON_EXIT=FALSE");
		// An in-memory database never loses its connection: there is nothing for the check to find.
		this.journal = JdbcJournal.builder(this.dataSource).keepAliveInterval(Duration.ZERO).build();
	}

	JdbcJournal journal() {
		return this.journal;
	}

	@Override
	public void close() {
		this.journal.close();
		try (Connection connection = this.dataSource.getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("SHUTDOWN");
		}
		catch (SQLException ex) {
			logger.warn("Could not drop the Casty test node's in-memory journal", ex);
		}
	}

}
