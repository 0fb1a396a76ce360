package io.casty.persistence.jdbc;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The journal's tables, as Flyway migrations shipped in this jar. A Spring Boot node lets
 * Boot's Flyway auto-configuration apply them ({@code spring.flyway.locations} naming
 * {@link #LOCATION}); anything else calls {@link #migrate}.
 */
public final class JournalSchema {

	/** Where the migrations are, as a Flyway location. */
	public static final String LOCATION = "classpath:io/casty/persistence/migration";

	/** The Flyway history table the journal's migrations are recorded in. */
	public static final String HISTORY_TABLE = "casty_schema_history";

	private JournalSchema() {
	}

	/** Creates or upgrades the journal's tables in the database. */
	public static void migrate(DataSource dataSource) {
		Flyway.configure()
			.dataSource(dataSource)
			.locations(LOCATION)
			.table(HISTORY_TABLE)
			.baselineOnMigrate(true)
			.baselineVersion("0")
			.load()
			.migrate();
	}
}
