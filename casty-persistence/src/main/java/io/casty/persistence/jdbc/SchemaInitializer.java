package io.casty.persistence.jdbc;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the journal's migrations in the background, retrying until the database answers, so
 * that a node whose database is down at startup still starts (and says why in its health)
 * instead of failing: its entities' recoveries wait for {@link #ready()}, bounded by their own
 * timeouts.
 */
final class SchemaInitializer implements Runnable {

	private static final Logger logger = LoggerFactory.getLogger(SchemaInitializer.class);

	private static final Duration FIRST_RETRY = Duration.ofMillis(250);

	private static final Duration LAST_RETRY = Duration.ofSeconds(5);

	private final DataSource dataSource;

	private final JournalProblems problems;

	private final CompletableFuture<Void> ready = new CompletableFuture<>();

	private volatile boolean closed;

	SchemaInitializer(DataSource dataSource, JournalProblems problems) {
		this.dataSource = dataSource;
		this.problems = problems;
	}

	/** Completes once the journal's tables are there. */
	CompletableFuture<Void> ready() {
		return ready;
	}

	void close() {
		closed = true;
	}

	@Override
	public void run() {
		Duration retry = FIRST_RETRY;
		for (int attempt = 1; !closed; attempt++) {
			try {
				JournalSchema.migrate(dataSource);
				problems.succeeded();
				ready.complete(null);
				if (attempt > 1) {
					logger.info("The journal's schema is applied; the journal is ready");
				}
				return;
			}
			catch (RuntimeException ex) {
				String cause = SqlErrors.describe(ex);
				problems.failed("schema migration", new IllegalStateException("the database is unreachable or refused "
						+ "the journal's migrations (" + cause + "); entities cannot recover until it answers"));
				if (attempt == 1 || attempt % 10 == 0) {
					logger.warn("The journal's schema could not be applied (attempt {}): {}; retrying every {} ms at most",
							attempt, cause, LAST_RETRY.toMillis());
				}
			}
			try {
				Thread.sleep(retry.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			retry = (retry.multipliedBy(2).compareTo(LAST_RETRY) > 0) ? LAST_RETRY : retry.multipliedBy(2);
		}
	}
}
