package io.casty.persistence.jdbc;

import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The journal's keep-alive check finds its database gone and back between operations: with no
 * command at all, the journal's last problem is set while the database server is stopped and
 * cleared once it answers again.
 */
class KeepAliveTest {

	@TempDir
	Path directory;

	private H2TcpServer server;

	private HikariDataSource pool;

	private JdbcJournal journal;

	@AfterEach
	void stop() {
		if (this.journal != null) {
			this.journal.close();
		}
		if (this.pool != null) {
			this.pool.close();
		}
		if (this.server != null) {
			this.server.close();
		}
	}

	@Test
	void theJournalSeesItsDatabaseGoAndComeBackWithoutAnOperation() throws SQLException {
		this.server = H2TcpServer.start(this.directory);
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl(this.server.url("journal"));
		config.setConnectionTimeout(500);
		config.setExceptionOverride(new H2ConnectionLoss());
		this.pool = new HikariDataSource(config);
		this.journal = JdbcJournal.builder(this.pool).keepAliveInterval(Duration.ofMillis(50)).build();
		await().atMost(Duration.ofSeconds(10)).until(() -> this.journal.health().up());

		this.server.stop();
		await().atMost(Duration.ofSeconds(10)).until(() -> !this.journal.lastOperationSucceeded());

		this.server.restart();
		await().atMost(Duration.ofSeconds(10)).until(this.journal::lastOperationSucceeded);
	}

	@Test
	void aNegativeIntervalIsRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> JdbcJournal.builder(new HikariDataSource()).keepAliveInterval(Duration.ofMillis(-1)))
			.withMessageContaining("keepAliveInterval : PT-0.001S (expected: >= 0)");
	}
}
