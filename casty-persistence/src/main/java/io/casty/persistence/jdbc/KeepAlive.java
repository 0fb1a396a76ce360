package io.casty.persistence.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks the journal's database at a fixed interval, so that a lost database connection is found
 * and replaced while the node is idle, not by the first command after it: the driver fails over
 * then (H2's automatic server mode takes the file over when its serving node has stopped) while
 * the cluster is still noticing the crash, instead of after the shards have moved. A check that
 * succeeds clears the journal's last problem, so entities backing off after a failure recover on
 * their next command.
 */
final class KeepAlive implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(KeepAlive.class);

	private static final String OPERATION = "keep-alive check";

	private final DataSource dataSource;

	private final JournalProblems problems;

	private final int timeoutSeconds;

	private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "casty-journal-keep-alive");
		thread.setDaemon(true);
		return thread;
	});

	private boolean failing;

	KeepAlive(DataSource dataSource, JournalProblems problems, Duration interval, int timeoutSeconds) {
		this.dataSource = dataSource;
		this.problems = problems;
		this.timeoutSeconds = timeoutSeconds;
		timer.scheduleWithFixedDelay(this::check, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
	}

	private void check() {
		try (Connection connection = dataSource.getConnection()) {
			if (!connection.isValid(timeoutSeconds)) {
				failed("the database did not answer within " + timeoutSeconds + " s");
				return;
			}
			problems.succeeded();
			if (failing) {
				failing = false;
				logger.info("The journal's database answers its keep-alive check again");
			}
		}
		catch (SQLException ex) {
			failed(SqlErrors.describe(ex));
		}
	}

	private void failed(String cause) {
		problems.failed(OPERATION, new IllegalStateException(cause));
		if (!failing) {
			failing = true;
			logger.warn("The journal's database failed its keep-alive check: {}", cause);
		}
	}

	@Override
	public void close() {
		timer.shutdownNow();
	}
}
