package io.casty.client;

import io.casty.actor.TemporaryRef;
import io.casty.remote.Connection;
import io.netty.util.Timeout;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * One ask in flight: its reply address, its timeout and its future. Exactly one of reply,
 * timeout or failure wins. The future completes on the thread that ended the ask (network,
 * timer or caller), which wakes a blocked caller directly; callbacks still run on the client's
 * executor (see {@link ReplyFuture}).
 */
final class PendingAsk<R> {

	private final CompletableFuture<R> future;

	/** 1 once the ask ended; a field rather than an AtomicBoolean, one object fewer per ask. */
	private volatile int done;

	@SuppressWarnings("rawtypes")
	private static final AtomicIntegerFieldUpdater<PendingAsk> DONE = AtomicIntegerFieldUpdater
		.newUpdater(PendingAsk.class, "done");

	private final BiConsumer<PendingAsk<R>, AskOutcome> onFinish;

	private volatile TemporaryRef<R> replyTo;

	private volatile Timeout timeout;

	/** Where the request went out; null while it has not. */
	private volatile Connection connection;

	private EntityRef<?> ref;

	private String entityId;

	/**
	 * @param callbackExecutor where the future's callbacks run
	 * @param onFinish told how the ask ended, once, on the thread that ended it, before the
	 *     future completes
	 */
	PendingAsk(Executor callbackExecutor, BiConsumer<PendingAsk<R>, AskOutcome> onFinish) {
		this.future = new ReplyFuture<>(callbackExecutor);
		this.onFinish = onFinish;
	}

	/** The reply address, released when the ask ends; set as soon as it exists. */
	void replyTo(TemporaryRef<R> replyTo) {
		this.replyTo = replyTo;
	}

	/** The entity asked, for error messages; set once the request is built. */
	void addressedTo(EntityRef<?> entityRef, String entity) {
		this.ref = entityRef;
		this.entityId = entity;
	}

	/** "entity 'id' of 'type'", or "an entity" before the request was built. */
	String describe() {
		return entityId == null ? "an entity" : "entity '" + entityId + "' of '" + ref.shardType() + "'";
	}

	/** The timer that times the ask out, cancelled when the ask ends. */
	void timeout(Timeout timeout) {
		this.timeout = timeout;
	}

	CompletableFuture<R> future() {
		return future;
	}

	/** The request was queued on a connection to its owner's node (rather than waiting in the buffer). */
	void sentOver(Connection sentOver) {
		this.connection = sentOver;
	}

	/** The connection the request was queued on, or null if it has not been. */
	Connection connection() {
		return connection;
	}

	boolean isSent() {
		return connection != null;
	}

	boolean isDone() {
		return done == 1;
	}

	void reply(R reply) {
		if (finish(AskOutcome.SUCCESS)) {
			future.complete(reply);
		}
	}

	/** Fails the ask, with an exception chosen by whether the request was sent. */
	void timeOut(Function<PendingAsk<R>, ? extends Throwable> failure) {
		if (finish(isSent() ? AskOutcome.TIMEOUT : AskOutcome.UNAVAILABLE)) {
			Throwable cause = failure.apply(this);
			future.completeExceptionally(cause);
		}
	}

	void fail(Throwable cause) {
		if (finish(outcomeOf(cause))) {
			future.completeExceptionally(cause);
		}
	}

	private static AskOutcome outcomeOf(Throwable cause) {
		if (cause instanceof ReplyLostException) {
			return AskOutcome.LOST;
		}
		if (cause instanceof ClusterUnavailableException) {
			return AskOutcome.UNAVAILABLE;
		}
		if (cause instanceof AskLimitExceededException) {
			return AskOutcome.REJECTED;
		}
		return AskOutcome.ERROR;
	}

	private boolean finish(AskOutcome outcome) {
		if (!DONE.compareAndSet(this, 0, 1)) {
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
		onFinish.accept(this, outcome);
		return true;
	}
}
