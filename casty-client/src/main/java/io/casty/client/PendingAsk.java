package io.casty.client;

import io.casty.EntityFailedException;
import io.casty.actor.TemporaryRef;
import io.casty.protocol.EntityFailure;
import io.casty.remote.Connection;
import io.micrometer.observation.Observation;
import io.netty.util.Timeout;
import io.netty.util.TimerTask;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One ask in flight: its reply address, its timeout and its future. Exactly one of reply,
 * timeout or failure wins. The future completes on the thread that ended the ask (network,
 * timer or caller), which wakes a blocked caller directly; callbacks still run on the client's
 * executor (see {@link ReplyFuture}).
 *
 * <p>It is itself what its reply address calls with the reply and what its timer runs, and what
 * the client does at either end is one {@link Lifecycle} shared by all its asks: an ask in
 * flight costs this object, its future, its reply address and its timer entry, nothing more.
 */
final class PendingAsk<R> implements Consumer<R>, TimerTask {

	/** What the client does when an ask times out or ends; one per client, shared by its asks. */
	interface Lifecycle {

		/** The ask's timer fired. */
		void timedOut(PendingAsk<?> ask);

		/** The ask ended, once, on the thread that ended it, before its future completes. */
		void ended(PendingAsk<?> ask, AskOutcome outcome);
	}

	private final CompletableFuture<R> future;

	/** 1 once the ask ended; a field rather than an AtomicBoolean, one object fewer per ask. */
	private volatile int done;

	@SuppressWarnings("rawtypes")
	private static final AtomicIntegerFieldUpdater<PendingAsk> DONE = AtomicIntegerFieldUpdater
		.newUpdater(PendingAsk.class, "done");

	private final Lifecycle lifecycle;

	private final EntityRef<?> ref;

	private final Duration timeoutAfter;

	private final long startedNanos;

	private volatile TemporaryRef<R> replyTo;

	private volatile Timeout timeout;

	/** Where the request went out; null while it has not. */
	private volatile Connection connection;

	private String entityId;

	private volatile Observation observation = Observation.NOOP;

	/**
	 * @param future the ask's future, new
	 * @param lifecycle what the client does when the ask times out or ends
	 * @param ref the entity type asked
	 * @param timeoutAfter how long the ask may wait for its reply
	 */
	PendingAsk(ReplyFuture<R> future, Lifecycle lifecycle, EntityRef<?> ref, Duration timeoutAfter) {
		this.future = future;
		this.lifecycle = lifecycle;
		this.ref = ref;
		this.timeoutAfter = timeoutAfter;
		this.startedNanos = System.nanoTime();
	}

	/** The reply address, released when the ask ends; set as soon as it exists. */
	void replyTo(TemporaryRef<R> replyTo) {
		this.replyTo = replyTo;
	}

	/** The entity asked, for error messages; set once the request is built. */
	void addressedTo(String entity) {
		this.entityId = entity;
	}

	EntityRef<?> ref() {
		return ref;
	}

	Duration timeoutAfter() {
		return timeoutAfter;
	}

	/** When the ask started, as {@link System#nanoTime()}. */
	long startedNanos() {
		return startedNanos;
	}

	/** "entity 'id' of 'type'", or "an entity" before the request was built. */
	String describe() {
		return entityId == null ? "an entity" : "entity '" + entityId + "' of '" + ref.shardType() + "'";
	}

	/** The ask's observation, started: it stops when the ask ends, recording its failure. */
	void observation(Observation started) {
		this.observation = started;
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

	/** The reply arrived (called by the reply address): a reply, or the entity's failure. */
	@Override
	public void accept(R reply) {
		if (reply instanceof EntityFailure failure) {
			if (finish(AskOutcome.FAILED)) {
				failWith(EntityFailedException.of(failure));
			}
		}
		else if (finish(AskOutcome.SUCCESS)) {
			observation.stop();
			future.complete(reply);
		}
	}

	/** The timer fired. */
	@Override
	public void run(Timeout expired) {
		lifecycle.timedOut(this);
	}

	/** Fails the ask, with an exception chosen by whether the request was sent. */
	void timeOut(Function<PendingAsk<R>, ? extends Throwable> failure) {
		if (finish(isSent() ? AskOutcome.TIMEOUT : AskOutcome.UNAVAILABLE)) {
			failWith(failure.apply(this));
		}
	}

	void fail(Throwable cause) {
		if (finish(outcomeOf(cause))) {
			failWith(cause);
		}
	}

	private void failWith(Throwable cause) {
		Observation ended = observation;
		ended.error(cause);
		ended.stop();
		future.completeExceptionally(cause);
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
		lifecycle.ended(this, outcome);
		return true;
	}
}
