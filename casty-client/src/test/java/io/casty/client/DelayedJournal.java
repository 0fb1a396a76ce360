package io.casty.client;

import io.casty.persistence.journal.ForwardingJournal;
import io.casty.persistence.journal.Journal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * A journal whose appends wait a while before they go on to the real one, so that a node frozen
 * at any moment almost surely has appends in flight: after it is thawed they reach the database
 * for sequence numbers the entities' next incarnations may have written meanwhile.
 */
final class DelayedJournal extends ForwardingJournal {

	private final Executor afterDelay;

	DelayedJournal(Journal delegate, Duration delay) {
		super(delegate);
		this.afterDelay = CompletableFuture.delayedExecutor(delay.toNanos(), TimeUnit.NANOSECONDS);
	}

	@Override
	public CompletableFuture<Void> append(String persistenceId, long firstSeqNr, List<byte[]> events) {
		return CompletableFuture.runAsync(() -> {
		}, afterDelay).thenCompose(delayed -> super.append(persistenceId, firstSeqNr, events));
	}
}
