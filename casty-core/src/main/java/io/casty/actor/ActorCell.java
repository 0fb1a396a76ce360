package io.casty.actor;

import io.casty.actor.Behaviors.ReceiveBehavior;
import io.casty.actor.Behaviors.SetupBehavior;
import io.casty.actor.Behaviors.SpecialBehavior;
import io.casty.protocol.TracedMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running actor: its mailbox, its current behavior and its children.
 *
 * <p>The mailbox is an unbounded lock-free queue. {@link #scheduled} guarantees that at most one
 * thread runs the actor at a time and that a message enqueued while the actor runs is seen
 * either by that run or by the one it schedules when it finishes, so nothing is lost or
 * processed concurrently.
 */
final class ActorCell<M> implements ActorContext<M>, Runnable {

	private static final Logger logger = LoggerFactory.getLogger(ActorCell.class);

	/** Messages handled per turn before the thread is handed to other actors. */
	private static final int THROUGHPUT = 64;

	private final ActorSystem system;

	private final ActorCell<?> parent;

	private final LocalActorRef<M> self;

	private final Queue<Object> mailbox = new ConcurrentLinkedQueue<>();

	/** 1 while the actor is scheduled or running; a field, not an AtomicBoolean: a node may hold millions of cells. */
	private volatile int scheduled;

	private static final AtomicIntegerFieldUpdater<ActorCell> SCHEDULED = AtomicIntegerFieldUpdater
		.newUpdater(ActorCell.class, "scheduled");

	/** Senders between their look at {@link #terminated} and the end of their offer to the mailbox. */
	private volatile int enqueuing;

	private static final AtomicIntegerFieldUpdater<ActorCell> ENQUEUING = AtomicIntegerFieldUpdater
		.newUpdater(ActorCell.class, "enqueuing");

	/** Created on the first spawn: most actors (entities) have no children. */
	private volatile Map<String, ActorCell<?>> children;

	private final Queue<Watcher<?>> watchers = new ConcurrentLinkedQueue<>();

	/** Where messages this actor will never handle go; dead letters when null. */
	private final Consumer<Object> undelivered;

	/** Messages that may wait in the mailbox; 0 for no limit. */
	private final int mailboxCapacity;

	/** What each message from the mailbox passes through on its way to the behavior. */
	private final MessageInterceptor interceptor;

	/** Messages in the mailbox (signals aside), counted only when there is a capacity. */
	private volatile int queued;

	private static final AtomicIntegerFieldUpdater<ActorCell> QUEUED = AtomicIntegerFieldUpdater
		.newUpdater(ActorCell.class, "queued");

	// Only touched by the thread running the actor.
	private List<Runnable> stopHooks = List.of();

	private volatile boolean terminated;

	// Only touched by the thread running the actor.
	private Behavior<M> behavior;

	private Logger log;

	ActorCell(ActorSystem system, ActorCell<?> parent, ActorAddress address, Behavior<M> initial,
			Consumer<Object> undelivered, int mailboxCapacity, MessageInterceptor interceptor) {
		this.system = system;
		this.parent = parent;
		this.undelivered = undelivered;
		this.mailboxCapacity = mailboxCapacity;
		this.interceptor = interceptor;
		this.self = new LocalActorRef<>(address, this);
		this.behavior = initial;
		this.mailbox.offer(Signal.START);
	}

	LocalActorRef<M> ref() {
		return self;
	}

	String name() {
		String path = self.address().path();
		return path.substring(path.lastIndexOf('/') + 1);
	}

	void enqueue(Object message) {
		boolean accepted;
		boolean full = false;
		ENQUEUING.incrementAndGet(this);
		try {
			accepted = !terminated;
			if (accepted && mailboxCapacity > 0 && QUEUED.incrementAndGet(this) > mailboxCapacity) {
				QUEUED.decrementAndGet(this);
				full = true;
			}
			else if (accepted) {
				mailbox.offer(message);
			}
		}
		finally {
			ENQUEUING.decrementAndGet(this);
		}
		if (full) {
			system.mailboxFull(self.address(), message, mailboxCapacity);
		}
		else if (accepted) {
			schedule();
		}
		else {
			// On the sender's thread, before its next message: whoever takes it over keeps its order.
			undeliverable(message);
		}
	}

	void schedule() {
		if (SCHEDULED.compareAndSet(this, 0, 1)) {
			system.executeActor(this);
		}
	}

	@Override
	public void run() {
		try {
			for (int i = 0; i < THROUGHPUT && !terminated; i++) {
				Object message = mailbox.poll();
				if (message == null) {
					break;
				}
				if (mailboxCapacity > 0 && !(message instanceof Signal) && !(message instanceof Piped)) {
					QUEUED.decrementAndGet(this);
				}
				process(message);
			}
		}
		finally {
			scheduled = 0;
			if (terminated) {
				// Nothing, after terminate's hand-over; kept so that no message can be stranded.
				handOverMailbox();
			}
			else if (!mailbox.isEmpty()) {
				schedule();
			}
		}
	}

	@SuppressWarnings("unchecked")
	private void process(Object message) {
		try {
			if (message == Signal.START) {
				become(behavior);
			}
			else if (message == Signal.STOP) {
				terminate();
			}
			else if (behavior instanceof ReceiveBehavior<M> receive) {
				if (message instanceof Piped piped) {
					become(receive.handler.apply(this, (M) piped.message()));
				}
				else if (interceptor == MessageInterceptor.NONE) {
					// Most actors: no handler wrapped around the behavior for each message.
					become(receive.handler.apply(this, (M) message));
				}
				else {
					become((Behavior<M>) interceptor.intercept(message,
							handled -> receive.handler.apply(this, (M) handled)));
				}
			}
		}
		catch (RuntimeException | LinkageError ex) {
			logger.error("Actor {} failed on a message of type {}; stopping it", self.address(),
					TracedMessage.typeName(message), ex);
			terminate();
		}
	}

	private void become(Behavior<M> next) {
		Behavior<M> current = next;
		while (current instanceof SetupBehavior<M> setup) {
			current = setup.factory.apply(this);
		}
		if (current == null) {
			throw new IllegalStateException("a handler returned null; return Behaviors.same() to keep the behavior");
		}
		if (current == SpecialBehavior.STOPPED) {
			terminate();
		}
		else if (current != SpecialBehavior.SAME) {
			behavior = current;
		}
	}

	void stopFromOutside() {
		mailbox.offer(Signal.STOP);
		schedule();
	}

	private void terminate() {
		if (terminated) {
			return;
		}
		terminated = true;
		// A sender that saw this actor alive may still be adding its message. Wait for it (an
		// offer to a lock-free queue: nanoseconds), so that the hand-over below gets every message
		// that will ever be in the mailbox; any later sender sees terminated and hands over itself.
		for (int spins = 0; enqueuing != 0; spins++) {
			if (spins < 100) {
				Thread.onSpinWait();
			}
			else {
				Thread.yield();
			}
		}
		// Hooks first: what a hook hands back is older than what still waits in the mailbox.
		for (Runnable hook : stopHooks) {
			try {
				hook.run();
			}
			catch (RuntimeException ex) {
				logger.error("Stop hook of actor {} failed", self.address(), ex);
			}
		}
		// Before the watchers hear of the stop, so whoever takes these over gets them first.
		handOverMailbox();
		Map<String, ActorCell<?>> current = children;
		if (current != null) {
			current.values().forEach(ActorCell::stopFromOutside);
		}
		system.unregister(self.address().path(), this);
		if (parent != null) {
			parent.children.remove(name(), this);
		}
		Watcher<?> watcher;
		while ((watcher = watchers.poll()) != null) {
			watcher.notifyTerminated();
		}
	}

	private void handOverMailbox() {
		Object message;
		while ((message = mailbox.poll()) != null) {
			// A piped outcome concerns this incarnation only; the next one must not see it.
			if (!(message instanceof Signal) && !(message instanceof Piped)) {
				undeliverable(message);
			}
		}
	}

	private void undeliverable(Object message) {
		if (undelivered == null) {
			system.deadLetter(self.address(), message);
			return;
		}
		try {
			undelivered.accept(message);
		}
		catch (RuntimeException ex) {
			logger.error("Could not hand over a message of type {} that stopped actor {} did not handle",
					TracedMessage.typeName(message), self.address(), ex);
		}
	}

	boolean isTerminated() {
		return terminated;
	}

	private void addWatcher(Watcher<?> watcher) {
		watchers.offer(watcher);
		// The watched actor may have terminated between the caller's check and the offer.
		if (terminated && watchers.remove(watcher)) {
			watcher.notifyTerminated();
		}
	}

	// ActorContext

	@Override
	public ActorRef<M> self() {
		return self;
	}

	@Override
	public ActorSystem system() {
		return system;
	}

	@Override
	public Logger log() {
		if (log == null) {
			log = LoggerFactory.getLogger(behavior == null ? ActorCell.class : behavior.getClass());
		}
		return log;
	}

	@Override
	public <C> ActorRef<C> spawn(Behavior<C> childBehavior, String childName) {
		return spawnChild(childBehavior, childName, null, 0, MessageInterceptor.NONE);
	}

	@Override
	@SuppressWarnings("unchecked")
	public <C> ActorRef<C> spawn(Behavior<C> childBehavior, String childName, Consumer<? super C> onUndelivered,
			int mailboxCapacity, MessageInterceptor interceptor) {
		if (mailboxCapacity < 0) {
			throw new IllegalArgumentException("mailboxCapacity : " + mailboxCapacity + " (expected: >= 0, 0 for no limit)");
		}
		return spawnChild(childBehavior, childName, (Consumer<Object>) Objects.requireNonNull(onUndelivered, "onUndelivered"),
				mailboxCapacity, Objects.requireNonNull(interceptor, "interceptor"));
	}

	private <C> ActorRef<C> spawnChild(Behavior<C> childBehavior, String childName, Consumer<Object> onUndelivered,
			int mailboxCapacity, MessageInterceptor interceptor) {
		ActorCell<C> child = new ActorCell<>(system, this, self.address().child(childName), childBehavior, onUndelivered,
				mailboxCapacity, interceptor);
		if (children == null) {
			// Only this actor's thread spawns; others (children stopping) only read and remove.
			children = new ConcurrentHashMap<>();
		}
		if (children.putIfAbsent(childName, child) != null) {
			throw new IllegalArgumentException(
					"actor " + self.address() + " already has a child named '" + childName + "'");
		}
		system.register(child);
		child.schedule();
		return child.ref();
	}

	@Override
	public void stop(ActorRef<?> child) {
		Map<String, ActorCell<?>> current = children;
		if (child instanceof LocalActorRef<?> local && current != null && current.get(local.cell().name()) == local.cell()) {
			local.cell().stopFromOutside();
			return;
		}
		throw new IllegalArgumentException(child.address() + " is not a child of " + self.address());
	}

	@Override
	public void onStop(Runnable hook) {
		List<Runnable> hooks = new ArrayList<>(stopHooks);
		hooks.add(Objects.requireNonNull(hook, "hook"));
		stopHooks = hooks;
	}

	@Override
	public <T> void pipeToSelf(CompletionStage<T> stage, BiFunction<? super T, Throwable, ? extends M> adapt) {
		Objects.requireNonNull(adapt, "adapt");
		stage.whenComplete((value, failure) -> enqueuePiped(new Piped(adapt.apply(value, failure))));
	}

	private void enqueuePiped(Piped piped) {
		boolean accepted;
		ENQUEUING.incrementAndGet(this);
		try {
			accepted = !terminated;
			if (accepted) {
				mailbox.offer(piped);
			}
		}
		finally {
			ENQUEUING.decrementAndGet(this);
		}
		if (accepted) {
			schedule();
		}
		else {
			logger.debug("Actor {} stopped before a piped {} arrived; discarded", self.address(),
					piped.message().getClass().getName());
		}
	}

	@Override
	public void watchWith(ActorRef<?> other, M message) {
		if (!(other instanceof LocalActorRef<?> local)) {
			throw new IllegalArgumentException("only local actors can be watched, not " + other.address());
		}
		local.cell().addWatcher(new Watcher<>(this, message));
	}

	private record Watcher<T>(ActorCell<T> watcher, T message) {

		void notifyTerminated() {
			watcher.enqueue(message);
		}
	}

	/** An outcome sent by {@link #pipeToSelf}: outside the mailbox capacity, never handed over. */
	private record Piped(Object message) {

		Piped {
			Objects.requireNonNull(message, "the message adapted from a piped outcome");
		}
	}

	private enum Signal {

		START, STOP

	}
}
