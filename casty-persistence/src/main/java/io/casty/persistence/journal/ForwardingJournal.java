package io.casty.persistence.journal;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * A journal that passes every operation on to another: extend it to change one operation (to
 * time it, delay it, or fail it on purpose in a test) and keep the rest.
 */
public abstract class ForwardingJournal implements Journal {

	private final Journal delegate;

	protected ForwardingJournal(Journal delegate) {
		this.delegate = Objects.requireNonNull(delegate, "delegate");
	}

	@Override
	public CompletableFuture<Void> append(String persistenceId, long firstSeqNr, List<byte[]> events) {
		return delegate.append(persistenceId, firstSeqNr, events);
	}

	@Override
	public CompletableFuture<RecoveryData> recover(String persistenceId) {
		return delegate.recover(persistenceId);
	}

	@Override
	public CompletableFuture<Void> saveSnapshot(String persistenceId, long seqNr, byte[] state) {
		return delegate.saveSnapshot(persistenceId, seqNr, state);
	}

	@Override
	public JournalHealth health() {
		return delegate.health();
	}

	@Override
	public boolean lastOperationSucceeded() {
		return delegate.lastOperationSucceeded();
	}

	@Override
	public void close() {
		delegate.close();
	}
}
