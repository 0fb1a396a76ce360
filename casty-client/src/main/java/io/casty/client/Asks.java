package io.casty.client;

import io.casty.actor.ActorRef;
import io.casty.actor.ActorSystem;
import io.casty.actor.TemporaryRef;
import io.casty.sharding.ShardEnvelope;
import io.netty.util.Timeout;
import io.netty.util.Timer;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * Starts a client's asks and sees each one end. An ask starts only within the ask limit; beyond
 * it, it is refused at once, unsent. One that starts holds a slot of the limit, a reply address
 * and a timeout until it ends, exactly once, by its reply, its timeout, a failure or the client's
 * close; then it frees them, and the listeners hear how it ended.
 *
 * <p>A timeout fails the ask with what went wrong: {@link AskTimeoutException} when the request
 * went out and no reply came, {@link ClusterUnavailableException} saying why when it could not be
 * sent at all (and then it leaves the buffer too, so that it never runs later).
 */
final class Asks {

	private final ActorSystem system;

	private final Timer timer;

	private final AskLimit limit;

	private final BusyWait busyWait;

	private final SentAsks sentAsks;

	private final ShardRouter router;

	private final TopologySubscription subscription;

	private final Listeners listeners;

	private final BooleanSupplier clientClosed;

	private final RequestObservations observations;

	private final PendingAsk.Lifecycle started = new Started();

	private final PendingAsk.Lifecycle refused = new Refused();

	/**
	 * @param timer times the asks out; the client stops it on close, and fails the asks among
	 *     its timeouts ({@link #failInFlight})
	 * @param clientClosed whether the client was closed: an ask that fails to start meanwhile
	 *     fails as closed
	 */
	Asks(ActorSystem system, Timer timer, AskLimit limit, BusyWait busyWait, SentAsks sentAsks, ShardRouter router,
			TopologySubscription subscription, Listeners listeners, RequestObservations observations,
			BooleanSupplier clientClosed) {
		this.system = system;
		this.timer = timer;
		this.limit = limit;
		this.busyWait = busyWait;
		this.sentAsks = sentAsks;
		this.router = router;
		this.subscription = subscription;
		this.listeners = listeners;
		this.observations = observations;
		this.clientClosed = clientClosed;
	}

	/** See {@link ClusterClient#ask(EntityRef, Function, Duration)}. */
	<M, R> CompletableFuture<R> ask(EntityRef<M> ref, Function<ActorRef<R>, ShardEnvelope<M>> request, Duration timeout) {
		if (!limit.tryAcquire()) {
			PendingAsk<R> refusedAsk = new PendingAsk<>(newReplyFuture(), refused, ref, timeout);
			refusedAsk.fail(limit.refuse(ref.shardType()));
			return refusedAsk.future();
		}
		// From here on the ask must end through the PendingAsk, which releases its slot exactly once.
		PendingAsk<R> pending = new PendingAsk<>(newReplyFuture(), started, ref, timeout);
		try {
			TemporaryRef<R> replyTo = system.temporaryRef(pending);
			pending.replyTo(replyTo);
			ShardEnvelope<M> envelope = request.apply(replyTo);
			pending.addressedTo(envelope.entityId());
			// Observed before the timer can end the ask, so that whatever ends it stops the observation.
			ShardEnvelope<?> sent = observations.startAsk(ref, envelope, pending);
			// The timeout is also how close() finds the asks in flight: it stops the timer and fails them.
			pending.timeout(timer.newTimeout(pending, timeout.toNanos(), TimeUnit.NANOSECONDS));
			router.send(ref, sent, pending);
		}
		catch (RuntimeException ex) {
			pending.fail(clientClosed.getAsBoolean() ? closedException() : ex);
		}
		return pending.future();
	}

	private <R> ReplyFuture<R> newReplyFuture() {
		return new ReplyFuture<>(system.executor(), busyWait);
	}

	/** Fails, as closed, the asks among the timeouts the client's stopped timer had left. */
	void failInFlight(Set<Timeout> unexpired) {
		for (Timeout waiting : unexpired) {
			if (waiting.task() instanceof PendingAsk<?> ask) {
				ask.fail(closedException());
			}
		}
	}

	private static ClusterUnavailableException closedException() {
		return new ClusterUnavailableException("The cluster client was closed");
	}

	private void timeOut(PendingAsk<?> pending) {
		pending.timeOut(expired -> {
			long millis = expired.timeoutAfter().toMillis();
			if (expired.isSent()) {
				return new AskTimeoutException("No reply from " + expired.describe() + " within " + millis + " ms");
			}
			router.forget(expired);
			return new ClusterUnavailableException("Could not send to " + expired.describe() + " within " + millis
					+ " ms: " + (subscription.contact() == null ? subscription.unavailableReason()
							: UnknownShardTypeException.ifNotHosted(router.table().snapshot(), expired.ref().shardType())
								.map(Throwable::getMessage)
								.orElse("no reachable node owns its shard yet")));
		});
	}

	private void completed(PendingAsk<?> ask, AskOutcome outcome) {
		listeners.notify(listener -> listener.askCompleted(ask.ref().shardType(),
				Duration.ofNanos(System.nanoTime() - ask.startedNanos()), outcome));
	}

	/** What ends the asks that were sent, or waited to be: each holds a slot of the ask limit. */
	private final class Started implements PendingAsk.Lifecycle {

		@Override
		public void timedOut(PendingAsk<?> ask) {
			timeOut(ask);
		}

		@Override
		public void ended(PendingAsk<?> ask, AskOutcome outcome) {
			sentAsks.ended(ask);
			limit.release();
			completed(ask, outcome);
		}
	}

	/** What ends the asks refused at once at the ask limit: they hold no slot and have no timer. */
	private final class Refused implements PendingAsk.Lifecycle {

		@Override
		public void timedOut(PendingAsk<?> ask) {
			throw new IllegalStateException("a refused ask has no timer");
		}

		@Override
		public void ended(PendingAsk<?> ask, AskOutcome outcome) {
			completed(ask, outcome);
		}
	}
}
