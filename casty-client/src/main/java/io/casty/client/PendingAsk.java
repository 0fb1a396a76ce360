package io.casty.client;

import io.casty.actor.TemporaryRef;
import io.netty.util.Timeout;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * One ask in flight: its reply address, its timeout and its future. Exactly one of reply,
 * timeout or failure wins; the future is always completed on the client's executor, never on a
 * network or timer thread.
 */
final class PendingAsk<R> {

	private final CompletableFuture<R> future = new CompletableFuture<>();

	private final AtomicBoolean done = new AtomicBoolean();

	private final Executor executor;

	private volatile TemporaryRef<R> replyTo;

	private volatile Timeout timeout;

	private volatile boolean sent;

	PendingAsk(Executor executor) {
		this.executor = executor;
	}

	void start(TemporaryRef<R> replyTo, Timeout timeout) {
		this.replyTo = replyTo;
		this.timeout = timeout;
	}

	CompletableFuture<R> future() {
		return future;
	}

	/** The request left for its owner's node (as opposed to waiting in the buffer). */
	void markSent() {
		sent = true;
	}

	boolean isSent() {
		return sent;
	}

	boolean isDone() {
		return done.get();
	}

	void reply(R reply) {
		if (finish()) {
			executor.execute(() -> future.complete(reply));
		}
	}

	/** Fails the ask, with an exception chosen by whether the request was sent. */
	void timeOut(Function<PendingAsk<R>, ? extends Throwable> failure) {
		if (finish()) {
			Throwable cause = failure.apply(this);
			executor.execute(() -> future.completeExceptionally(cause));
		}
	}

	void fail(Throwable cause) {
		if (finish()) {
			executor.execute(() -> future.completeExceptionally(cause));
		}
	}

	private boolean finish() {
		if (!done.compareAndSet(false, true)) {
			return false;
		}
		Timeout currentTimeout = timeout;
		if (currentTimeout != null) {
			currentTimeout.cancel();
		}
		TemporaryRef<R> currentReplyTo = replyTo;
		if (currentReplyTo != null) {
			currentReplyTo.release();
		}
		return true;
	}
}
