package io.casty.benchmarks.load.persistence;

import io.casty.benchmarks.load.Figure;
import io.casty.persistence.journal.JournalListener;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * What the journal's writer did, as its listener hears it: group commits, the events they held
 * and how long each transaction took. The figures say how large the batches were (which the
 * ceiling copies) and how much of the time the writer spent in the database rather than waiting
 * for appends.
 */
final class JournalCommits implements JournalListener {

	static final String WORKLOAD = "journal";

	private final AtomicLong commits = new AtomicLong();

	private final AtomicLong events = new AtomicLong();

	private final AtomicLong transactionNanos = new AtomicLong();

	private final Recorder transactions = new Recorder(3);

	@Override
	public void batchCommitted(int appends, int events, Duration took) {
		long nanos = took.toNanos();
		commits.incrementAndGet();
		this.events.addAndGet(events);
		transactionNanos.addAndGet(nanos);
		transactions.recordValue(nanos);
	}

	/** Forgets what was counted so far: the warm-up's commits. */
	void reset() {
		commits.set(0);
		events.set(0);
		transactionNanos.set(0);
		transactions.reset();
	}

	/** Events per commit since the last reset. */
	double eventsPerCommit() {
		long count = commits.get();
		return count == 0 ? 0 : (double) events.get() / count;
	}

	/**
	 * The figures since the last reset, over a measurement of {@code nanos}: events per commit,
	 * commits/s, each transaction's time (its inserts and its commit), and the share of the
	 * measurement the writer spent in transactions.
	 */
	List<Figure> figures(long nanos) {
		Histogram times = transactions.getIntervalHistogram();
		return List.of(new Figure(WORKLOAD, "events/commit", eventsPerCommit(), "events"),
				new Figure(WORKLOAD, "commits/s", commits.get() * 1e9 / nanos, "commits/s"),
				new Figure(WORKLOAD, "commit-p50", times.getValueAtPercentile(50) / 1_000.0, "us"),
				new Figure(WORKLOAD, "commit-p99", times.getValueAtPercentile(99) / 1_000.0, "us"),
				new Figure(WORKLOAD, "writer-busy", transactionNanos.get() * 100.0 / nanos, "%"));
	}
}
