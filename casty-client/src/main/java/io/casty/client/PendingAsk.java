package io.casty.client;

import io.casty.actor.TemporaryRef;
import io.netty.util.Timeout;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
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

	private final Consumer<AskOutcome> onFinish;

	private volatile TemporaryRef<R> replyTo;

	private volatile Timeout timeout;

	private volatile boolean sent;

	/**
	 * @param onFinish told how the ask ended, once, on the thread that ended it
	 */
	PendingAsk(Executor executor, Consumer<AskOutcome> onFinish) {
		this.executor = executor;
		this.onFinish = onFinish;
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
		if (finish(AskOutcome.SUCCESS)) {
			executor.execute(() -> future.complete(reply));
		}
	}

	/** Fails the ask, with an exception chosen by whether the request was sent. */
	void timeOut(Function<PendingAsk<R>, ? extends Throwable> failure) {
		if (finish(isSent() ? AskOutcome.TIMEOUT : AskOutcome.UNAVAILABLE)) {
			Throwable cause = failure.apply(this);
			executor.execute(() -> future.completeExceptionally(cause));
		}
	}

	void fail(Throwable cause) {
		if (finish(cause instanceof ClusterUnavailableException ? AskOutcome.UNAVAILABLE : AskOutcome.ERROR)) {
			executor.execute(() -> future.completeExceptionally(cause));
		}
	}

	private boolean finish(AskOutcome outcome) {
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
		onFinish.accept(outcome);
		return true;
	}
}
