package io.casty.benchmarks.load.persistence;

import io.casty.benchmarks.load.Figure;
import io.casty.benchmarks.load.LoadSettings;
import io.casty.benchmarks.load.Ledger;
import io.casty.benchmarks.load.Measurement;
import io.casty.benchmarks.load.PipelinedAsk;
import io.casty.benchmarks.load.Results;
import io.casty.benchmarks.load.TotalsCheck;
import io.casty.benchmarks.load.WorkloadFailure;
import io.casty.persistence.Persistence;
import io.casty.persistence.jdbc.JdbcJournal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * The load generator's pipelined asks ({@link PipelinedAsk}) on {@link PersistentAccount}s over
 * a {@link JdbcJournal} with its defaults: every ask persists one event and is answered once the
 * event is durable, so its ops/s are persisted events/s. Accounts are addressed round-robin, so
 * the asks in flight are on as many different entities, whose appends meet in group commits.
 * After the measurement every total must match the ledger, and the journal must hold exactly
 * one row per point acknowledged.
 */
final class PersistedAsks {

	static final String WORKLOAD = "persisted-ask";

	private static final String COUNT_ROWS = "SELECT COUNT(*) FROM casty_event_journal WHERE persistence_id LIKE '"
			+ PersistentAccounts.PERSISTENCE_ID_PREFIX + "%'";

	private final DataSource dataSource;

	private final LoadSettings settings;

	PersistedAsks(DataSource dataSource, LoadSettings settings) {
		this.dataSource = dataSource;
		this.settings = settings;
	}

	/**
	 * Runs the warm-up and the measurement; the figures, the journal's among them, go to
	 * {@code results}.
	 *
	 * @return the events per group commit while measured: the batch size of the ceiling
	 */
	double run(Results results) throws WorkloadFailure, InterruptedException, SQLException {
		JournalCommits commits = new JournalCommits();
		try (JdbcJournal journal = JdbcJournal.builder(dataSource).listener(commits).build();
				PersistentAccounts accounts = new PersistentAccounts(Persistence.builder(journal, PersistentAccount.REGISTRY)
					.build(), settings.entities(), settings.askTimeout())) {
			Ledger ledger = new Ledger(settings.entities());
			TotalsCheck totals = new TotalsCheck(accounts, ledger, settings);
			// Starts every account, as many at once as asks in flight, and waits for its recovery:
			// none recovers during the warm-up.
			totals.verify("start");
			PipelinedAsk asks = new PipelinedAsk(accounts, ledger, settings);
			asks.run(settings.warmup());
			commits.reset();
			long cpuBefore = ProcessCpu.nanos();
			Measurement measured = asks.run(settings.duration());
			long cpuAfter = ProcessCpu.nanos();
			double eventsPerCommit = commits.eventsPerCommit();
			measured.figures(WORKLOAD).forEach(results::add);
			results.add(new Figure(WORKLOAD, "cpu/event", ProcessCpu.microsPer(measured.operations(), cpuBefore, cpuAfter),
					"us"));
			commits.figures(measured.nanos()).forEach(results::add);
			totals.verify(WORKLOAD);
			verifyRows(ledger.sum());
			return eventsPerCommit;
		}
	}

	/** An acknowledged point that is not a row was never durable; a row too many was written twice. */
	private void verifyRows(long acknowledged) throws WorkloadFailure, SQLException {
		try (Connection connection = dataSource.getConnection();
				PreparedStatement count = connection.prepareStatement(COUNT_ROWS);
				ResultSet rows = count.executeQuery()) {
			rows.next();
			long written = rows.getLong(1);
			if (written != acknowledged) {
				throw new WorkloadFailure(WORKLOAD, "the journal holds " + written + " events for " + acknowledged
						+ " points acknowledged");
			}
		}
	}
}
