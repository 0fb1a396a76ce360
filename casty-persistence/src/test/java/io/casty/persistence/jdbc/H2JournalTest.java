package io.casty.persistence.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import io.casty.persistence.TestDatabases;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The journal on H2 in file mode, the node's embedded default. */
class H2JournalTest extends JdbcJournalContract {

	@TempDir
	Path directory;

	@Override
	HikariDataSource openDatabase() {
		return TestDatabases.h2(directory);
	}
}
