package io.casty.client;

import io.casty.persistence.jdbc.JournalSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;
import org.h2.jdbcx.JdbcDataSource;

/**
 * A fresh H2 journal file under {@code target/} for node processes to share (H2's automatic
 * server mode: the first process to open the file serves it to the others over TCP). The test
 * JVM opens it first and holds a connection until {@link #close()}, so the server is this JVM:
 * no node the test kills or freezes takes the database away from the others.
 */
final class SharedJournal implements AutoCloseable {

	private final String url;

	private final Connection held;

	private SharedJournal(String url, Connection held) {
		this.url = url;
		this.held = held;
	}

	/** A new, empty journal with its tables, in a directory of its own named after {@code name}. */
	static SharedJournal create(String name) throws IOException, SQLException {
		Path directory = Files.createDirectories(Path.of("target", "journals", name + "-" + System.nanoTime()));
		String url = "jdbc:h2:file:" + directory.resolve("journal").toAbsolutePath() + ";AUTO_SERVER=TRUE;WRITE_DELAY=0";
		JdbcDataSource dataSource = new JdbcDataSource();
		dataSource.setURL(url);
		Connection held = dataSource.getConnection();
		// Applied here, once, rather than by three nodes racing to migrate an empty file.
		JournalSchema.migrate(dataSource);
		return new SharedJournal(url, held);
	}

	/** The URL for the nodes ({@link ClusterTestNode#JOURNAL_URL}). */
	String url() {
		return url;
	}

	/**
	 * How many sessions have held uncommitted changes without running a statement since before
	 * {@code instant}. A live writer commits within milliseconds of its last insert; a session
	 * that stays so belongs to a frozen process caught inside a transaction, whose uncommitted
	 * rows lock the keys other nodes want to write (H2 makes them wait, then fails them).
	 */
	int transactionsIdleSince(Instant instant) throws SQLException {
		try (PreparedStatement select = held.prepareStatement("SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS "
				+ "WHERE CONTAINS_UNCOMMITTED AND SESSION_STATE = 'SLEEP' AND SLEEP_SINCE < ?")) {
			select.setObject(1, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
			try (ResultSet count = select.executeQuery()) {
				count.next();
				return count.getInt(1);
			}
		}
	}

	/**
	 * How many events the journal holds for each entity whose persistence id starts with
	 * {@code prefix}, by the rest of the id: what its next incarnation will recover, whatever the
	 * running one has in memory.
	 */
	Map<String, Long> eventCounts(String prefix) throws SQLException {
		Map<String, Long> counts = new TreeMap<>();
		try (PreparedStatement select = held.prepareStatement("SELECT persistence_id, COUNT(*) FROM casty_event_journal "
				+ "WHERE persistence_id LIKE ? GROUP BY persistence_id")) {
			select.setString(1, prefix + "%");
			try (ResultSet rows = select.executeQuery()) {
				while (rows.next()) {
					counts.put(rows.getString(1).substring(prefix.length()), rows.getLong(2));
				}
			}
		}
		return counts;
	}

	@Override
	public void close() throws SQLException {
		held.close();
	}
}
