package io.casty.benchmarks.load.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.casty.persistence.jdbc.JournalSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * Where one run keeps its journal, empty at the start, behind a Hikari pool with the journal's
 * migrations applied: H2 in file mode as a node's embedded default opens it, in a new
 * directory; or the PostgreSQL at {@value #POSTGRES_URL_VARIABLE}, with
 * {@code reWriteBatchedInserts=true} (the driver sends a JDBC batch as multi-row inserts) and in
 * a schema of its own, so that the benchmark's rows never meet those of the journal's tests in
 * the same database.
 */
final class BenchmarkDatabase implements AutoCloseable {

	static final String H2 = "h2-file";

	static final String POSTGRESQL = "postgresql";

	static final List<String> ALL = List.of(H2, POSTGRESQL);

	/** The journal's tests read the same variable; {@code .ci/start-postgres} prints its value. */
	static final String POSTGRES_URL_VARIABLE = "CASTY_TEST_POSTGRES_URL";

	private static final String SCHEMA = "casty_benchmark";

	private final HikariDataSource dataSource;

	private final Optional<Path> directory;

	private BenchmarkDatabase(HikariDataSource dataSource, Optional<Path> directory) {
		this.dataSource = dataSource;
		this.directory = directory;
	}

	static BenchmarkDatabase open(String name) throws IOException, SQLException {
		return switch (name) {
			case H2 -> h2();
			case POSTGRESQL -> postgres();
			default -> throw new IllegalArgumentException("database : '" + name + "' (expected one of " + ALL + ")");
		};
	}

	/** The PostgreSQL to run against, if the environment names one. */
	static Optional<String> postgresUrl() {
		return Optional.ofNullable(System.getenv(POSTGRES_URL_VARIABLE)).filter((url) -> !url.isBlank());
	}

	private static BenchmarkDatabase h2() throws IOException {
		Path directory = Files.createTempDirectory("casty-persistence-benchmark-");
		HikariDataSource dataSource = pool("jdbc:h2:file:" + directory.resolve("journal").toAbsolutePath()
				+ ";AUTO_SERVER=TRUE;WRITE_DELAY=0");
		JournalSchema.migrate(dataSource);
		return new BenchmarkDatabase(dataSource, Optional.of(directory));
	}

	private static BenchmarkDatabase postgres() throws SQLException {
		String url = postgresUrl().orElseThrow(() -> new IllegalStateException("No PostgreSQL to run against: set "
				+ POSTGRES_URL_VARIABLE + " (.ci/start-postgres starts one and prints it)"));
		HikariDataSource dataSource = pool(url + (url.contains("?") ? "&" : "?") + "reWriteBatchedInserts=true&currentSchema="
				+ SCHEMA);
		try {
			execute(dataSource, "CREATE SCHEMA IF NOT EXISTS " + SCHEMA);
			JournalSchema.migrate(dataSource);
			execute(dataSource, "TRUNCATE casty_event_journal, casty_snapshot");
		}
		catch (SQLException | RuntimeException ex) {
			dataSource.close();
			throw ex;
		}
		return new BenchmarkDatabase(dataSource, Optional.empty());
	}

	private static HikariDataSource pool(String url) {
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl(url);
		return new HikariDataSource(config);
	}

	private static void execute(DataSource dataSource, String sql) throws SQLException {
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	DataSource dataSource() {
		return dataSource;
	}

	/** The database's product and version, and for PostgreSQL the settings that make a commit durable. */
	String describe() throws SQLException {
		try (Connection connection = dataSource.getConnection()) {
			DatabaseMetaData metaData = connection.getMetaData();
			String product = metaData.getDatabaseProductName() + " " + metaData.getDatabaseProductVersion();
			if (directory.isPresent()) {
				return product + ", file mode, WRITE_DELAY=0, in " + directory.get();
			}
			try (Statement statement = connection.createStatement();
					ResultSet settings = statement.executeQuery("SELECT current_setting('fsync'), "
							+ "current_setting('synchronous_commit'), current_setting('wal_sync_method')")) {
				settings.next();
				return product + ", fsync=" + settings.getString(1) + ", synchronous_commit=" + settings.getString(2)
						+ ", wal_sync_method=" + settings.getString(3) + "; reWriteBatchedInserts=true, schema " + SCHEMA;
			}
		}
	}

	/** Closes the pool; an H2 database's directory goes with it. */
	@Override
	public void close() throws IOException {
		dataSource.close();
		if (directory.isPresent()) {
			try (Stream<Path> files = Files.walk(directory.get())) {
				for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
					Files.delete(file);
				}
			}
		}
	}
}
