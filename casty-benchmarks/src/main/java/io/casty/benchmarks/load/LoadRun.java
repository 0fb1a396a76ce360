package io.casty.benchmarks.load;

import java.time.Duration;

/**
 * Every workload against one system, in the client's JVM: wait for the system, check that
 * every total starts at zero, then sequential asks, pipelined asks and tells, each warmed up
 * before it is measured and followed by a check of every total. The first workload that
 * fails ends the run: its totals could no longer be trusted.
 */
public final class LoadRun {

	/** How long a freshly started system may take to answer its first ask. */
	private static final Duration FIRST_REPLY_TIMEOUT = Duration.ofSeconds(60);

	private final Target target;

	private final LoadSettings settings;

	private final Results results;

	private final Ledger ledger;

	private final TotalsCheck totals;

	public LoadRun(Target target, LoadSettings settings, Results results) {
		this.target = target;
		this.settings = settings;
		this.results = results;
		this.ledger = new Ledger(settings.entities());
		this.totals = new TotalsCheck(target, ledger, settings);
	}

	/** Runs every workload; figures and failures go to the results as they come. */
	public void run() throws InterruptedException {
		try {
			awaitFirstReply();
			totals.verify("start");

			SequentialAsk sequential = new SequentialAsk(target, ledger, settings);
			sequential.run(settings.warmup());
			report(SequentialAsk.WORKLOAD, sequential.run(settings.duration()));
			totals.verify(SequentialAsk.WORKLOAD);

			PipelinedAsk pipelined = new PipelinedAsk(target, ledger, settings);
			pipelined.run(settings.warmup());
			report(PipelinedAsk.WORKLOAD, pipelined.run(settings.duration()));
			totals.verify(PipelinedAsk.WORKLOAD);

			TellRun tells = new TellRun(target, ledger, totals, settings);
			tells.run(Math.max(1, settings.tells() / 5));
			report(TellRun.WORKLOAD, tells.run(settings.tells()));
		}
		catch (WorkloadFailure ex) {
			results.add(ex.failure());
		}
	}

	private void awaitFirstReply() throws WorkloadFailure, InterruptedException {
		long deadline = System.nanoTime() + FIRST_REPLY_TIMEOUT.toNanos();
		WorkloadFailure last = null;
		while (System.nanoTime() < deadline) {
			try {
				Replies.await(target.total(0, settings.askTimeout()), settings.askTimeout(), "start");
				return;
			}
			catch (WorkloadFailure ex) {
				last = ex;
				Thread.sleep(100);
			}
		}
		throw new WorkloadFailure("start", "the system did not answer within " + FIRST_REPLY_TIMEOUT.toSeconds()
				+ " s: " + (last == null ? "" : last.getMessage()));
	}

	private void report(String workload, Measurement measurement) {
		measurement.figures(workload).forEach(results::add);
	}
}
