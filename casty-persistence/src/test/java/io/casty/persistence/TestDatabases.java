package io.casty.persistence;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.casty.persistence.jdbc.JournalSchema;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The real databases the journal's tests run against: H2 in file mode (the embedded default)
 * and PostgreSQL, reached at {@code CASTY_TEST_POSTGRES_URL} (which {@code .ci/start-postgres}
 * prints). Without that variable the PostgreSQL tests are skipped, saying so.
 */
public final class TestDatabases {

	public static final String POSTGRES_URL_VARIABLE = "CASTY_TEST_POSTGRES_URL";

	private TestDatabases() {
	}

	/** A new H2 database in {@code directory}, as the node's embedded default opens it. */
	public static HikariDataSource h2(Path directory) {
		return migrated(pool("jdbc:h2:file:" + directory.resolve("journal").toAbsolutePath()
				+ ";AUTO_SERVER=TRUE;WRITE_DELAY=0"));
	}

	/** The test PostgreSQL database, emptied of journal rows; skips the test without one. */
	public static HikariDataSource postgres() {
		String url = System.getenv(POSTGRES_URL_VARIABLE);
		assumeTrue(url != null && !url.isBlank(), "No PostgreSQL to test against: set " + POSTGRES_URL_VARIABLE
				+ " (.ci/start-postgres starts one and prints it)");
		HikariDataSource dataSource = migrated(pool(url));
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
			statement.execute("DELETE FROM casty_event_journal");
			statement.execute("DELETE FROM casty_snapshot");
		}
		catch (SQLException ex) {
			dataSource.close();
			throw new IllegalStateException(ex);
		}
		return dataSource;
	}

	private static HikariDataSource pool(String url) {
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl(url);
		config.setMaximumPoolSize(8);
		config.setConnectionTimeout(1_000);
		return new HikariDataSource(config);
	}

	private static HikariDataSource migrated(HikariDataSource dataSource) {
		JournalSchema.migrate(dataSource);
		return dataSource;
	}
}
