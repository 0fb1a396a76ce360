package io.casty.persistence.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.SQLExceptionOverride;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The H2 server that serves the journal's file to a node goes away and comes back (in the
 * sample, the node that opened the file first stops and another takes over): the pool must
 * not hand the dead connection out again.
 */
class H2ConnectionLossTest {

	@TempDir
	Path directory;

	private H2TcpServer server;

	private HikariDataSource pool;

	@AfterEach
	void stop() {
		if (this.pool != null) {
			this.pool.close();
		}
		if (this.server != null) {
			this.server.close();
		}
	}

	private HikariDataSource pool(SQLExceptionOverride override) {
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl(this.server.url("journal"));
		config.setMaximumPoolSize(1);
		config.setConnectionTimeout(2_000);
		if (override != null) {
			config.setExceptionOverride(override);
		}
		return new HikariDataSource(config);
	}

	private void selectOne() throws SQLException {
		try (Connection connection = this.pool.getConnection(); Statement statement = connection.createStatement()) {
			statement.execute("SELECT 1");
		}
	}

	/** Borrows again at once, as a busy journal does: too soon for Hikari to check the connection first. */
	private void restartTheServerUnderLoad() throws SQLException {
		selectOne();
		this.server.stop();
		assertThatThrownBy(this::selectOne).isInstanceOfSatisfying(SQLException.class,
				(lost) -> assertThat(H2ConnectionLoss.LOST).contains(lost.getErrorCode()));
		this.server.restart();
	}

	@Test
	void aConnectionH2SaysIsLostIsDroppedAndTheNextOneWorks() throws SQLException {
		this.server = H2TcpServer.start(this.directory);
		this.pool = pool(new H2ConnectionLoss());

		restartTheServerUnderLoad();

		selectOne();
	}

	@Test
	void withoutItThePoolHandsTheDeadConnectionOutAgain() throws SQLException {
		this.server = H2TcpServer.start(this.directory);
		this.pool = pool(null);

		restartTheServerUnderLoad();

		assertThatThrownBy(this::selectOne).isInstanceOf(SQLException.class);
	}
}
