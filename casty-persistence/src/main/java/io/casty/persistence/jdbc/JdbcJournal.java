package io.casty.persistence.jdbc;

import io.casty.persistence.journal.Journal;
import io.casty.persistence.journal.JournalException;
import io.casty.persistence.journal.JournalHealth;
import io.casty.persistence.journal.JournalListener;
import io.casty.persistence.journal.RecoveryData;
import io.casty.persistence.journal.RecoveryData.StoredEvent;
import io.casty.persistence.journal.RecoveryData.StoredSnapshot;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * A {@link Journal} in a relational database reached through JDBC: PostgreSQL for a cluster,
 * H2 for a single machine. The journal applies its tables' Flyway migrations
 * ({@link JournalSchema}) itself, in the background and retrying until the database answers:
 * operations wait for them, so a database that is down when the node starts delays entities
 * (whose own timeouts fail their commands typed) instead of failing the node.
 *
 * <p>Appends go through one writer thread that groups them into batches (see
 * {@link GroupCommitWriter}); reads (recoveries) and snapshots run on a small pool of their own,
 * so a slow recovery never holds appends back.
 *
 * <pre>{@code
 * JdbcJournal journal = JdbcJournal.builder(dataSource).maxBatchEvents(500).build();
 * }</pre>
 */
public final class JdbcJournal implements Journal {

	/** Events one group commit writes at most, unless set. */
	public static final int DEFAULT_MAX_BATCH_EVENTS = 500;

	/** Threads for recoveries and snapshots, unless set. */
	public static final int DEFAULT_READ_THREADS = 4;

	/** How often the journal checks its database between operations, unless set (see {@link KeepAlive}). */
	public static final Duration DEFAULT_KEEP_ALIVE_INTERVAL = Duration.ofMillis(500);

	private static final String SELECT_SNAPSHOT = "SELECT seq_nr, payload FROM casty_snapshot "
			+ "WHERE persistence_id = ? ORDER BY seq_nr DESC FETCH FIRST 1 ROWS ONLY";

	private static final String SELECT_EVENTS = "SELECT seq_nr, payload FROM casty_event_journal "
			+ "WHERE persistence_id = ? AND seq_nr > ? ORDER BY seq_nr";

	private static final String INSERT_SNAPSHOT = "INSERT INTO casty_snapshot (persistence_id, seq_nr, payload) VALUES (?, ?, ?)";

	private static final String DELETE_OLDER_SNAPSHOTS = "DELETE FROM casty_snapshot WHERE persistence_id = ? AND seq_nr < ?";

	private static final int HEALTH_CHECK_SECONDS = 2;

	private final DataSource dataSource;

	private final GroupCommitWriter writer;

	private final Thread writerThread;

	private final ExecutorService readers;

	private final JournalListener listener;

	private final JournalProblems problems = new JournalProblems();

	private final SchemaInitializer schema;

	private final Optional<KeepAlive> keepAlive;

	private volatile String store = "a JDBC database";

	private JdbcJournal(Builder builder) {
		this.dataSource = builder.dataSource;
		this.listener = builder.listener;
		this.schema = new SchemaInitializer(dataSource, problems);
		this.writer = new GroupCommitWriter(dataSource, builder.maxBatchEvents, listener, problems);
		this.writerThread = new Thread(writer, "casty-journal-writer");
		this.writerThread.setDaemon(true);
		this.readers = Executors.newFixedThreadPool(builder.readThreads, daemonThreads("casty-journal-reader-"));
		this.writerThread.start();
		this.keepAlive = builder.keepAliveInterval.isZero() ? Optional.empty()
				: Optional.of(new KeepAlive(dataSource, problems, builder.keepAliveInterval, HEALTH_CHECK_SECONDS));
		Thread migration = new Thread(schema, "casty-journal-schema");
		migration.setDaemon(true);
		migration.start();
	}

	public static Builder builder(DataSource dataSource) {
		return new Builder(dataSource);
	}

	@Override
	public CompletableFuture<Void> append(String persistenceId, long firstSeqNr, List<byte[]> events) {
		Objects.requireNonNull(persistenceId, "persistenceId");
		if (firstSeqNr < 1) {
			throw new IllegalArgumentException("firstSeqNr : " + firstSeqNr + " (expected: >= 1)");
		}
		if (events.isEmpty()) {
			throw new IllegalArgumentException("events : empty (expected: at least one)");
		}
		List<byte[]> copy = List.copyOf(events);
		return schema.ready().thenCompose((ready) -> writer.submit(persistenceId, firstSeqNr, copy));
	}

	@Override
	public CompletableFuture<RecoveryData> recover(String persistenceId) {
		Objects.requireNonNull(persistenceId, "persistenceId");
		return schema.ready().thenApplyAsync((ready) -> read("recovery of '" + persistenceId + "'", (connection) -> {
			Optional<StoredSnapshot> snapshot = latestSnapshot(connection, persistenceId);
			List<StoredEvent> events = eventsAfter(connection, persistenceId, snapshot.map(StoredSnapshot::seqNr).orElse(0L));
			return new RecoveryData(snapshot, events);
		}), readers);
	}

	@Override
	public CompletableFuture<Void> saveSnapshot(String persistenceId, long seqNr, byte[] state) {
		Objects.requireNonNull(persistenceId, "persistenceId");
		Objects.requireNonNull(state, "state");
		return schema.ready().thenApplyAsync((ready) -> read("snapshot of '" + persistenceId + "'", (connection) -> {
			connection.setAutoCommit(false);
			try (PreparedStatement insert = connection.prepareStatement(INSERT_SNAPSHOT);
					PreparedStatement delete = connection.prepareStatement(DELETE_OLDER_SNAPSHOTS)) {
				insert.setString(1, persistenceId);
				insert.setLong(2, seqNr);
				insert.setBytes(3, state);
				insert.executeUpdate();
				delete.setString(1, persistenceId);
				delete.setLong(2, seqNr);
				delete.executeUpdate();
				connection.commit();
				return null;
			}
			catch (SQLException ex) {
				connection.rollback();
				throw ex;
			}
		}), readers);
	}

	private static Optional<StoredSnapshot> latestSnapshot(Connection connection, String persistenceId) throws SQLException {
		try (PreparedStatement select = connection.prepareStatement(SELECT_SNAPSHOT)) {
			select.setString(1, persistenceId);
			try (ResultSet rows = select.executeQuery()) {
				return rows.next() ? Optional.of(new StoredSnapshot(rows.getLong(1), rows.getBytes(2))) : Optional.empty();
			}
		}
	}

	private static List<StoredEvent> eventsAfter(Connection connection, String persistenceId, long seqNr) throws SQLException {
		try (PreparedStatement select = connection.prepareStatement(SELECT_EVENTS)) {
			select.setString(1, persistenceId);
			select.setLong(2, seqNr);
			List<StoredEvent> events = new ArrayList<>();
			try (ResultSet rows = select.executeQuery()) {
				while (rows.next()) {
					events.add(new StoredEvent(rows.getLong(1), rows.getBytes(2)));
				}
			}
			return events;
		}
	}

	private interface SqlWork<T> {

		T run(Connection connection) throws SQLException;
	}

	private <T> T read(String operation, SqlWork<T> work) {
		try (Connection connection = dataSource.getConnection()) {
			T result = work.run(connection);
			problems.succeeded();
			return result;
		}
		catch (SQLException ex) {
			JournalException failure = new JournalException("The journal could not do the " + operation + ": "
					+ SqlErrors.describe(ex), ex);
			problems.failed(operation, failure);
			listener.failed(operation, failure);
			throw failure;
		}
	}

	/** No failure since the latest success: what the journal's health reports as its problem. */
	@Override
	public boolean lastOperationSucceeded() {
		return problems.current().isEmpty();
	}

	@Override
	public JournalHealth health() {
		Optional<JournalProblems.Problem> problem = problems.current();
		Optional<Instant> since = problem.map(JournalProblems.Problem::since);
		try (Connection connection = dataSource.getConnection()) {
			if (!connection.isValid(HEALTH_CHECK_SECONDS)) {
				return new JournalHealth(false, Optional.of("The database did not answer a check within "
						+ HEALTH_CHECK_SECONDS + " s"), since, store);
			}
			DatabaseMetaData metaData = connection.getMetaData();
			store = metaData.getDatabaseProductName() + " " + metaData.getDatabaseProductVersion();
		}
		catch (SQLException ex) {
			return new JournalHealth(false, Optional.of("The database is unreachable: " + SqlErrors.describe(ex)),
					since, store);
		}
		if (!schema.ready().isDone()) {
			return new JournalHealth(false, Optional.of("The journal's schema is not applied yet"
					+ problem.map((current) -> ": " + current.description()).orElse("")), since, store);
		}
		return new JournalHealth(true, problem.map(JournalProblems.Problem::description), since, store);
	}

	@Override
	public void close() {
		keepAlive.ifPresent(KeepAlive::close);
		schema.close();
		writer.close();
		readers.shutdown();
		try {
			writerThread.join(5_000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static ThreadFactory daemonThreads(String prefix) {
		AtomicInteger count = new AtomicInteger();
		return (task) -> {
			Thread thread = new Thread(task, prefix + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

	/** Configures a {@link JdbcJournal}. */
	public static final class Builder {

		private final DataSource dataSource;

		private int maxBatchEvents = DEFAULT_MAX_BATCH_EVENTS;

		private int readThreads = DEFAULT_READ_THREADS;

		private JournalListener listener = JournalListener.NONE;

		private Duration keepAliveInterval = DEFAULT_KEEP_ALIVE_INTERVAL;

		private Builder(DataSource dataSource) {
			this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
		}

		/** Events one group commit writes at most; more wait for the next. */
		public Builder maxBatchEvents(int maxBatchEvents) {
			if (maxBatchEvents < 1) {
				throw new IllegalArgumentException("maxBatchEvents : " + maxBatchEvents + " (expected: >= 1)");
			}
			this.maxBatchEvents = maxBatchEvents;
			return this;
		}

		/** Threads for recoveries and snapshots: how many entities can recover at once. */
		public Builder readThreads(int readThreads) {
			if (readThreads < 1) {
				throw new IllegalArgumentException("readThreads : " + readThreads + " (expected: >= 1)");
			}
			this.readThreads = readThreads;
			return this;
		}

		/**
		 * How often the journal checks its database between operations, so that a lost
		 * connection is replaced (and a driver's fail-over done) before a command needs it;
		 * {@link Duration#ZERO} turns the check off.
		 */
		public Builder keepAliveInterval(Duration keepAliveInterval) {
			Objects.requireNonNull(keepAliveInterval, "keepAliveInterval");
			if (keepAliveInterval.isNegative()) {
				throw new IllegalArgumentException("keepAliveInterval : " + keepAliveInterval + " (expected: >= 0)");
			}
			this.keepAliveInterval = keepAliveInterval;
			return this;
		}

		/** What the journal reports as it works, for metrics. */
		public Builder listener(JournalListener listener) {
			this.listener = Objects.requireNonNull(listener, "listener");
			return this;
		}

		public JdbcJournal build() {
			return new JdbcJournal(this);
		}
	}
}
