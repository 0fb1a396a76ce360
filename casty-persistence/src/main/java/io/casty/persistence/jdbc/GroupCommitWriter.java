package io.casty.persistence.jdbc;

import io.casty.persistence.journal.JournalException;
import io.casty.persistence.journal.JournalFencedException;
import io.casty.persistence.journal.JournalListener;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes appends to the event table in group commits: one thread takes every append waiting
 * when it is free (up to a number of events) and writes them all in one JDBC batch and one
 * transaction, so that many entities persisting together cost one commit (one fsync), not one
 * each. Each entity has at most one append in flight, so per-entity order holds.
 *
 * <p>A batch is all or nothing in the database. When one fails, the writer cannot tell from a
 * batch error which append caused it, so it writes each half of the batch again, and so on
 * down: the append that hit a taken sequence number fails fenced, the others still succeed.
 */
final class GroupCommitWriter implements Runnable {

	private static final Logger logger = LoggerFactory.getLogger(GroupCommitWriter.class);

	private static final String INSERT = "INSERT INTO casty_event_journal (persistence_id, seq_nr, payload) VALUES (?, ?, ?)";

	/** One entity's events, waiting to be written. */
	record PendingAppend(String persistenceId, long firstSeqNr, List<byte[]> events, CompletableFuture<Void> done,
			long enqueuedNanos) {
	}

	private final BlockingQueue<PendingAppend> queue = new LinkedBlockingQueue<>();

	private final DataSource dataSource;

	private final int maxBatchEvents;

	private final JournalListener listener;

	private final JournalProblems problems;

	private volatile boolean closed;

	GroupCommitWriter(DataSource dataSource, int maxBatchEvents, JournalListener listener, JournalProblems problems) {
		this.dataSource = dataSource;
		this.maxBatchEvents = maxBatchEvents;
		this.listener = listener;
		this.problems = problems;
	}

	CompletableFuture<Void> submit(String persistenceId, long firstSeqNr, List<byte[]> events) {
		CompletableFuture<Void> done = new CompletableFuture<>();
		if (closed) {
			done.completeExceptionally(new JournalException("The journal is closed"));
			return done;
		}
		queue.add(new PendingAppend(persistenceId, firstSeqNr, events, done, System.nanoTime()));
		if (closed) {
			failQueued();
		}
		return done;
	}

	void close() {
		closed = true;
	}

	@Override
	public void run() {
		List<PendingAppend> batch = new ArrayList<>();
		while (!closed) {
			try {
				PendingAppend first = queue.poll(100, TimeUnit.MILLISECONDS);
				if (first == null) {
					continue;
				}
				batch.add(first);
				int events = first.events().size();
				PendingAppend next;
				while (events < maxBatchEvents && (next = queue.poll()) != null) {
					batch.add(next);
					events += next.events().size();
				}
				write(batch, events);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
			catch (VirtualMachineError ex) {
				throw ex;
			}
			catch (Throwable ex) {
				// Never let the writer die: every append would then wait for ever. (The PostgreSQL
				// driver, with assertions on, throws an AssertionError on a connection cut mid-batch.)
				logger.error("The journal writer failed on a batch of {} appends", batch.size(), ex);
				JournalException failed = new JournalException("The journal writer failed: " + ex, ex);
				problems.failed("append", failed);
				batch.forEach((append) -> append.done().completeExceptionally(failed));
			}
			finally {
				batch.clear();
			}
		}
		failQueued();
	}

	private void failQueued() {
		PendingAppend append;
		while ((append = queue.poll()) != null) {
			append.done().completeExceptionally(new JournalException("The journal closed before the append was written"));
		}
	}

	private void write(List<PendingAppend> batch, int events) {
		try (Connection connection = dataSource.getConnection()) {
			writeOrSplit(connection, batch, events);
		}
		catch (SQLException ex) {
			JournalException unavailable = new JournalException(
					"The journal's database is unreachable: " + SqlErrors.describe(ex), ex);
			problems.failed("append", unavailable);
			listener.failed("append", unavailable);
			batch.forEach((append) -> append.done().completeExceptionally(unavailable));
		}
	}

	/**
	 * Writes the batch in one transaction; if the database refuses it, writes each half the
	 * same way, down to single appends, so that one bad append costs a few more commits, not
	 * one commit per append of the batch.
	 */
	private void writeOrSplit(Connection connection, List<PendingAppend> batch, int events) {
		long start = System.nanoTime();
		try {
			insert(connection, batch);
		}
		catch (SQLException ex) {
			if (batch.size() == 1) {
				fail(batch.get(0), ex);
				return;
			}
			logger.debug("A group commit of {} appends failed ({}); writing each half alone", batch.size(),
					SqlErrors.describe(ex));
			List<PendingAppend> first = batch.subList(0, batch.size() / 2);
			List<PendingAppend> second = batch.subList(batch.size() / 2, batch.size());
			writeOrSplit(connection, first, eventsIn(first));
			writeOrSplit(connection, second, eventsIn(second));
			return;
		}
		listener.batchCommitted(batch.size(), events, Duration.ofNanos(System.nanoTime() - start));
		succeeded(batch);
	}

	private static int eventsIn(List<PendingAppend> appends) {
		int events = 0;
		for (PendingAppend append : appends) {
			events += append.events().size();
		}
		return events;
	}

	private void insert(Connection connection, List<PendingAppend> batch) throws SQLException {
		connection.setAutoCommit(false);
		try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
			for (PendingAppend append : batch) {
				long seqNr = append.firstSeqNr();
				for (byte[] event : append.events()) {
					insert.setString(1, append.persistenceId());
					insert.setLong(2, seqNr++);
					insert.setBytes(3, event);
					insert.addBatch();
				}
			}
			insert.executeBatch();
			connection.commit();
		}
		catch (SQLException ex) {
			rollbackQuietly(connection, ex);
			throw ex;
		}
	}

	private static void rollbackQuietly(Connection connection, SQLException failure) {
		try {
			connection.rollback();
		}
		catch (SQLException rollback) {
			failure.addSuppressed(rollback);
		}
	}

	private void succeeded(List<PendingAppend> appends) {
		problems.succeeded();
		long now = System.nanoTime();
		for (PendingAppend append : appends) {
			listener.appended(Duration.ofNanos(now - append.enqueuedNanos()));
			append.done().complete(null);
		}
	}

	private void fail(PendingAppend append, SQLException ex) {
		if (SqlErrors.isDuplicateKey(ex)) {
			// Not a problem of the journal: the database did its job as the fence.
			listener.fenced(append.persistenceId(), append.firstSeqNr());
			append.done().completeExceptionally(new JournalFencedException(append.persistenceId(), append.firstSeqNr(), ex));
			return;
		}
		JournalException refused = new JournalException("The journal could not write " + append.events().size()
				+ " events of '" + append.persistenceId() + "': " + SqlErrors.describe(ex), ex);
		problems.failed("append", refused);
		listener.failed("append", refused);
		append.done().completeExceptionally(refused);
	}
}
