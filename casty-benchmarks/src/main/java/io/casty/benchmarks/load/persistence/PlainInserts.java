package io.casty.benchmarks.load.persistence;

import io.casty.benchmarks.load.Figure;
import io.casty.benchmarks.load.Measurement;
import io.casty.benchmarks.load.Results;
import io.casty.benchmarks.load.WorkloadFailure;
import io.casty.benchmarks.points.EntityIds;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;
import org.HdrHistogram.Histogram;

/**
 * The ceiling the journal is compared with: the rows the persisted asks wrote, written by plain
 * JDBC with nothing else running. The same table and the same payload (an event's bytes, read
 * back from it), one transaction per batch; one thread, one connection and one prepared statement
 * per run. Its ops/s are rows/s; its latencies are those of one batch, inserts and commit.
 *
 * <p>{@value #WORKLOAD} writes batches as large as the journal's group commits were: the ceiling.
 * {@value #FULL_BATCHES} writes batches of every ask in flight: what the database would take if
 * each group commit gathered all the appends the entities can have waiting.
 */
final class PlainInserts {

	static final String WORKLOAD = "plain-insert";

	static final String FULL_BATCHES = "full-batches";

	private static final String INSERT = "INSERT INTO casty_event_journal (persistence_id, seq_nr, payload) VALUES (?, ?, ?)";

	private static final String AN_EVENT = "SELECT payload FROM casty_event_journal WHERE persistence_id LIKE '"
			+ PersistentAccounts.PERSISTENCE_ID_PREFIX + "%' FETCH FIRST 1 ROWS ONLY";

	/** As long as the accounts' prefix, so that the index takes keys of the same size, never theirs. */
	private static final String PERSISTENCE_ID_PREFIX = "insert|";

	private final DataSource dataSource;

	private final String[] persistenceIds;

	/** The last sequence number written for each id, carried from one run to the next. */
	private final long[] seqNrs;

	private int nextEntity;

	/**
	 * @param entities the persistence ids the rows are spread over, round-robin
	 */
	PlainInserts(DataSource dataSource, int entities) {
		this.dataSource = dataSource;
		this.persistenceIds = EntityIds.of(entities);
		for (int i = 0; i < entities; i++) {
			persistenceIds[i] = PERSISTENCE_ID_PREFIX + persistenceIds[i];
		}
		this.seqNrs = new long[entities];
	}

	/**
	 * Writes batches of {@code batchSize} rows for the warm-up, then for the measurement, whose
	 * figures go to {@code results} under {@code workload}.
	 */
	void run(String workload, int batchSize, Duration warmup, Duration duration, Results results)
			throws WorkloadFailure, SQLException {
		try (Connection connection = dataSource.getConnection()) {
			byte[] payload = anEvent(connection);
			connection.setAutoCommit(false);
			try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
				write(connection, insert, payload, batchSize, warmup);
				long cpuBefore = ProcessCpu.nanos();
				Measurement measured = write(connection, insert, payload, batchSize, duration);
				long cpuAfter = ProcessCpu.nanos();
				measured.figures(workload).forEach(results::add);
				results.add(new Figure(workload, "cpu/row", ProcessCpu.microsPer(measured.operations(), cpuBefore, cpuAfter),
						"us"));
			}
		}
		results.add(new Figure(workload, "rows/batch", batchSize, "rows"));
	}

	private static byte[] anEvent(Connection connection) throws WorkloadFailure, SQLException {
		try (PreparedStatement select = connection.prepareStatement(AN_EVENT); ResultSet rows = select.executeQuery()) {
			if (!rows.next()) {
				throw new WorkloadFailure(WORKLOAD, "the journal holds no event of the accounts to copy");
			}
			return rows.getBytes(1);
		}
	}

	private Measurement write(Connection connection, PreparedStatement insert, byte[] payload, int batchSize,
			Duration length) throws SQLException {
		Histogram batches = new Histogram(3);
		long rows = 0;
		long start = System.nanoTime();
		long deadline = start + length.toNanos();
		long batchStart = start;
		while (batchStart < deadline) {
			for (int row = 0; row < batchSize; row++) {
				int entity = nextEntity;
				nextEntity = (nextEntity + 1) % persistenceIds.length;
				insert.setString(1, persistenceIds[entity]);
				insert.setLong(2, ++seqNrs[entity]);
				insert.setBytes(3, payload);
				insert.addBatch();
			}
			insert.executeBatch();
			connection.commit();
			long now = System.nanoTime();
			batches.recordValue(now - batchStart);
			rows += batchSize;
			batchStart = now;
		}
		return new Measurement(rows, batchStart - start, batches);
	}
}
