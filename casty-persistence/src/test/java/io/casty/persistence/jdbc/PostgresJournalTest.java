package io.casty.persistence.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.casty.persistence.TcpRelay;
import io.casty.persistence.TestDatabases;
import io.casty.persistence.journal.JournalException;
import io.casty.persistence.journal.JournalHealth;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The journal on a real PostgreSQL server, and through an outage of it. */
class PostgresJournalTest extends JdbcJournalContract {

	@Override
	HikariDataSource openDatabase() {
		return TestDatabases.postgres();
	}

	@Test
	void anOutageFailsAppendsTypedSaysWhyInHealthAndPassesWhenTheDatabaseIsBack() throws Exception {
		HikariDataSource direct = TestDatabases.postgres();
		URI server = URI.create(direct.getJdbcUrl().substring("jdbc:".length()));
		try (TcpRelay relay = new TcpRelay(server.getHost(), server.getPort());
				HikariDataSource throughRelay = relayed(direct, relay);
				JdbcJournal journal = JdbcJournal.builder(throughRelay).build()) {
			journal.append("counter|a", 1, List.of(bytes("before"))).join();

			relay.cut();

			assertThatThrownBy(() -> journal.append("counter|a", 2, List.of(bytes("during"))).join()).cause()
				.isInstanceOf(JournalException.class);
			JournalHealth down = journal.health();
			assertThat(down.up()).isFalse();
			assertThat(down.problem()).hasValueSatisfying((problem) -> assertThat(problem).isNotBlank());

			relay.heal();

			journal.append("counter|a", 2, List.of(bytes("after"))).join();
			assertThat(journal.health().up()).isTrue();
			assertThat(journal.recover("counter|a").join().events()).extracting((event) -> text(event.payload()))
				.containsExactly("before", "after");
		}
		finally {
			direct.close();
		}
	}

	private static HikariDataSource relayed(HikariDataSource direct, TcpRelay relay) {
		HikariConfig config = new HikariConfig();
		URI server = URI.create(direct.getJdbcUrl().substring("jdbc:".length()));
		config.setJdbcUrl("jdbc:postgresql://127.0.0.1:" + relay.port() + server.getPath() + "?" + server.getQuery());
		config.setMaximumPoolSize(2);
		config.setConnectionTimeout(500);
		return new HikariDataSource(config);
	}
}
