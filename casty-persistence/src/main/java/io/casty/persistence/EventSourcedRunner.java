package io.casty.persistence;

import io.casty.EntityFailedException;
import io.casty.EntityFailedException.Reason;
import io.casty.actor.ActorContext;
import io.casty.actor.ActorRef;
import io.casty.actor.Behavior;
import io.casty.actor.Behaviors;
import io.casty.persistence.journal.JournalFencedException;
import io.casty.persistence.journal.RecoveryData;
import io.casty.persistence.journal.RecoveryData.StoredEvent;
import io.micrometer.observation.Observation;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one incarnation of an {@link EventSourcedEntity} as an actor. It is always in one of
 * four phases:
 * <ul>
 * <li><b>recovering</b>: reading its snapshot and events; commands wait (in order, bounded);</li>
 * <li><b>running</b>: a command's effect is computed; one without events runs at once;</li>
 * <li><b>persisting</b>: its events are on their way to the journal; commands wait;</li>
 * <li><b>backing off</b>: the journal failed; commands are answered with the failure until the
 * entity recovers again, after a delay that doubles with each failure in a row.</li>
 * </ul>
 * A fenced append (another incarnation wrote first) stops the actor: its state is stale, and the
 * next message starts a fresh incarnation that recovers what the other one wrote.
 *
 * <p>The journal's answers come back as messages ({@link ActorContext#pipeToSelf}), so all the
 * state is touched on the actor's thread only.
 */
final class EventSourcedRunner<C, E, S> {

	private static final Logger logger = LoggerFactory.getLogger(EventSourcedRunner.class);

	private enum Phase {

		RECOVERING, RUNNING, PERSISTING, BACKING_OFF

	}

	private record RecoveryOutcome(RecoveryData data, Throwable failure) {
	}

	private record AppendOutcome(Throwable failure) {
	}

	/** The back-off numbered {@code attempt} is over; one that an early recovery ended is ignored. */
	private record BackoffOver(long attempt) {
	}

	private final String persistenceId;

	private final EventSourcedEntity<C, E, S> entity;

	private final Persistence persistence;

	private final ActorContext<Object> context;

	private final ArrayDeque<Waiting<C>> waiting = new ArrayDeque<>();

	private Phase phase;

	private S state;

	private long seqNr;

	private long snapshotSeqNr;

	private long recoveryStartedNanos;

	private Effect<E, S> persisting;

	private List<E> persistingEvents;

	private Duration backoff = Duration.ZERO;

	private EntityFailedException lastFailure;

	/** The number of the latest back-off. */
	private long backoffs;

	/** Whether the latest back-off follows a failure of the journal (not of what it holds). */
	private boolean journalFailed;

	private EventSourcedRunner(String persistenceId, EventSourcedEntity<C, E, S> entity, Persistence persistence,
			ActorContext<Object> context) {
		this.persistenceId = persistenceId;
		this.entity = entity;
		this.persistence = persistence;
		this.context = context;
	}

	@SuppressWarnings("unchecked")
	static <C> Behavior<C> behavior(String persistenceId, EventSourcedEntity<C, ?, ?> entity, Persistence persistence) {
		Behavior<Object> behavior = Behaviors.setup((context) -> {
			EventSourcedRunner<C, ?, ?> runner = new EventSourcedRunner<>(persistenceId, entity, persistence, context);
			context.onStop(runner::handBackWaiting);
			runner.recover();
			return Behaviors.receiveMessage(runner::onMessage);
		});
		// Commands and the runner's own messages share the actor's mailbox.
		return (Behavior<C>) (Behavior<?>) behavior;
	}

	@SuppressWarnings("unchecked")
	private Behavior<Object> onMessage(Object message) {
		if (message instanceof RecoveryOutcome outcome) {
			onRecovered(outcome);
		}
		else if (message instanceof AppendOutcome outcome) {
			return onAppended(outcome);
		}
		else if (message instanceof BackoffOver over) {
			if (phase == Phase.BACKING_OFF && over.attempt() == backoffs) {
				recover();
			}
		}
		else {
			onCommand((C) message);
		}
		return Behaviors.same();
	}

	private void onCommand(C command) {
		switch (phase) {
			case RUNNING -> handle(command);
			case RECOVERING, PERSISTING -> wait(command);
			case BACKING_OFF -> {
				if (journalFailed && persistence.journal().lastOperationSucceeded()) {
					// The journal works again (another entity's operation succeeded): recover now
					// rather than fail this command and every one until the back-off is over.
					logger.info("Entity '{}' recovers before its back-off is over: the journal works again",
							persistenceId);
					recover();
					wait(command);
				}
				else {
					refuse(command, lastFailure);
				}
			}
		}
	}

	private void wait(C command) {
		if (waiting.size() >= persistence.stashCapacity()) {
			refuse(command, new EntityFailedException(Reason.OVERLOADED, "Entity '" + persistenceId + "' has "
					+ waiting.size() + " messages waiting for its " + phase.name().toLowerCase()
					+ " to end (casty.node.persistence.stash-capacity)"));
			return;
		}
		waiting.add(new Waiting<>(command, persistence.observations().current()));
	}

	private void recover() {
		phase = Phase.RECOVERING;
		recoveryStartedNanos = System.nanoTime();
		CompletableFuture<RecoveryData> recovery = persistence.journal()
			.recover(persistenceId)
			.copy()
			.orTimeout(persistence.recoveryTimeout().toNanos(), TimeUnit.NANOSECONDS);
		context.pipeToSelf(recovery, RecoveryOutcome::new);
	}

	@SuppressWarnings("unchecked")
	private void onRecovered(RecoveryOutcome outcome) {
		if (outcome.failure() != null) {
			recoveryFailed(outcome.failure());
			return;
		}
		RecoveryData data = outcome.data();
		long position = 0;
		try {
			S recovered = entity.emptyState();
			if (data.snapshot().isPresent()) {
				position = data.snapshot().get().seqNr();
				recovered = (S) persistence.codec().decode(data.snapshot().get().payload());
			}
			for (StoredEvent stored : data.events()) {
				position = stored.seqNr();
				recovered = entity.onEvent(recovered, (E) persistence.codec().decode(stored.payload()));
			}
			state = recovered;
		}
		catch (RuntimeException ex) {
			recoveryFailed(new UnreadableJournalException(persistenceId, position, data.snapshot().isPresent()
					&& position == data.snapshot().get().seqNr(), ex));
			return;
		}
		seqNr = data.highestSeqNr();
		snapshotSeqNr = data.snapshot().map(RecoveryData.StoredSnapshot::seqNr).orElse(0L);
		Duration took = Duration.ofNanos(System.nanoTime() - recoveryStartedNanos);
		persistence.listener().recovered(persistenceId, took, data.events().size(), data.snapshot().isPresent());
		logger.debug("Entity '{}' recovered at sequence number {} in {} ms ({} events replayed)", persistenceId, seqNr,
				took.toMillis(), data.events().size());
		backoff = Duration.ZERO;
		lastFailure = null;
		phase = Phase.RUNNING;
		handleWaiting();
	}

	private void recoveryFailed(Throwable cause) {
		Throwable failure = unwrap(cause);
		persistence.listener().recoveryFailed(persistenceId, failure);
		EntityFailedException typed;
		if (failure instanceof TimeoutException) {
			typed = new EntityFailedException(Reason.RECOVERY_TIMEOUT, "Entity '" + persistenceId
					+ "' did not recover within " + persistence.recoveryTimeout().toMillis()
					+ " ms (casty.node.persistence.recovery-timeout)");
		}
		else {
			typed = new EntityFailedException(Reason.RECOVERY_FAILED, "Entity '" + persistenceId
					+ "' could not recover: " + failure.getMessage());
		}
		backOff(typed, failure);
	}

	private void handle(C command) {
		Effect<E, S> effect = entity.onCommand(state, command);
		if (effect == null) {
			throw new IllegalStateException("onCommand of '" + persistenceId + "' returned null; return Effect.none()");
		}
		if (effect.events().isEmpty()) {
			runSideEffects(effect);
			return;
		}
		List<byte[]> encoded = new ArrayList<>(effect.events().size());
		try {
			for (E event : effect.events()) {
				encoded.add(persistence.codec().encode(event));
			}
		}
		catch (RuntimeException ex) {
			// A programming error (an event class not allowed): refuse the command, keep the state.
			logger.error("Entity '{}' could not serialize the events of a {}; the command is refused", persistenceId,
					command.getClass().getName(), ex);
			fail(effect.replyTo(), new EntityFailedException(Reason.PERSIST_FAILED,
					"Entity '" + persistenceId + "' could not serialize its events: " + ex.getMessage()));
			return;
		}
		phase = Phase.PERSISTING;
		persisting = effect;
		persistingEvents = effect.events();
		CompletableFuture<Void> append = persistence.observations()
			.observe(persistenceId, encoded.size(), () -> persistence.journal()
				.append(persistenceId, seqNr + 1, encoded)
				.copy()
				.orTimeout(persistence.appendTimeout().toNanos(), TimeUnit.NANOSECONDS));
		context.pipeToSelf(append, (ignored, failure) -> new AppendOutcome(failure));
	}

	private Behavior<Object> onAppended(AppendOutcome outcome) {
		Effect<E, S> effect = persisting;
		persisting = null;
		if (outcome.failure() != null) {
			return appendFailed(effect, unwrap(outcome.failure()));
		}
		for (E event : persistingEvents) {
			state = entity.onEvent(state, event);
		}
		seqNr += persistingEvents.size();
		persistingEvents = null;
		phase = Phase.RUNNING;
		runSideEffects(effect);
		snapshotIfDue();
		handleWaiting();
		return Behaviors.same();
	}

	private Behavior<Object> appendFailed(Effect<E, S> effect, Throwable failure) {
		persistingEvents = null;
		if (failure instanceof JournalFencedException fenced) {
			logger.error("Entity '{}' stops: sequence number {} was already written by another incarnation of it "
					+ "(a node that was paused or partitioned, or that lost the shard); nothing was overwritten",
					persistenceId, fenced.seqNr());
			EntityFailedException typed = new EntityFailedException(Reason.FENCED, fenced.getMessage());
			fail(effect.replyTo(), typed);
			return Behaviors.stopped();
		}
		String cause = (failure instanceof TimeoutException)
				? "the journal did not confirm within " + persistence.appendTimeout().toMillis()
						+ " ms (casty.node.persistence.append-timeout)"
				: failure.getMessage();
		EntityFailedException typed = new EntityFailedException(Reason.PERSIST_FAILED,
				"Entity '" + persistenceId + "' could not persist its events: " + cause);
		fail(effect.replyTo(), typed);
		// Whether a timed-out append was written is unknown: only a fresh recovery can tell.
		backOff(typed, failure);
		return Behaviors.same();
	}

	private void backOff(EntityFailedException typed, Throwable cause) {
		backoff = persistence.nextBackoff(backoff);
		lastFailure = typed;
		journalFailed = !(cause instanceof UnreadableJournalException);
		phase = Phase.BACKING_OFF;
		long attempt = ++backoffs;
		logger.warn("{}; it answers with that failure and recovers again in {} ms", typed.getMessage(),
				backoff.toMillis(), (cause instanceof UnreadableJournalException) ? cause : null);
		while (!waiting.isEmpty()) {
			refuse(waiting.poll().command(), typed);
		}
		context.pipeToSelf(CompletableFuture.runAsync(() -> {
		}, CompletableFuture.delayedExecutor(backoff.toNanos(), TimeUnit.NANOSECONDS)),
				(ignored, failure) -> new BackoffOver(attempt));
	}

	private void handleWaiting() {
		while (phase == Phase.RUNNING && !waiting.isEmpty()) {
			Waiting<C> next = waiting.poll();
			if (next.observation() == null) {
				handle(next.command());
			}
			else {
				// Back in the scope it arrived in: what it persists and logs belongs to its trace.
				try (Observation.Scope scope = next.observation().openScope()) {
					handle(next.command());
				}
			}
		}
	}

	private void runSideEffects(Effect<E, S> effect) {
		for (Consumer<? super S> sideEffect : effect.sideEffects()) {
			sideEffect.accept(state);
		}
	}

	private void snapshotIfDue() {
		int every = persistence.snapshotEvery();
		if (every <= 0 || seqNr - snapshotSeqNr < every) {
			return;
		}
		long at = seqNr;
		byte[] snapshot;
		try {
			snapshot = persistence.codec().encode(state);
		}
		catch (RuntimeException ex) {
			logger.error("Entity '{}' could not serialize its state for a snapshot; it recovers from events only",
					persistenceId, ex);
			snapshotSeqNr = at;
			return;
		}
		snapshotSeqNr = at;
		persistence.journal().saveSnapshot(persistenceId, at, snapshot).whenComplete((ignored, failure) -> {
			if (failure != null) {
				logger.warn("Snapshot of '{}' at sequence number {} was not saved: {}", persistenceId, at,
						unwrap(failure).getMessage());
			}
		});
	}

	private void refuse(C command, EntityFailedException failure) {
		ActorRef<?> replyTo = entity.replyTo(command);
		if (replyTo == null) {
			persistence.warnings().warn(logger, "Entity '{}' dropped a {} nobody waits for: {}", persistenceId,
					command.getClass().getSimpleName(), failure.getMessage());
			return;
		}
		fail(replyTo, failure);
	}

	@SuppressWarnings("unchecked")
	private static void fail(ActorRef<?> replyTo, EntityFailedException failure) {
		if (replyTo != null) {
			((ActorRef<Object>) replyTo).tell(EntityFailedException.failure(failure.reason(), failure.getMessage()));
		}
	}

	/** Stopping (passivation, hand-off): what still waits goes to the next incarnation, first. */
	private void handBackWaiting() {
		Waiting<C> next;
		while ((next = waiting.poll()) != null) {
			context.self().tell(next.command());
		}
	}

	/**
	 * A command that waits for a recovery or an append to end, and the observation its arrival was
	 * handled in (null if none), which it is handled in again when its turn comes.
	 */
	private record Waiting<C>(C command, Observation observation) {
	}

	static Throwable unwrap(Throwable failure) {
		return (failure instanceof CompletionException && failure.getCause() != null) ? failure.getCause() : failure;
	}
}
