package io.casty.actor;

import io.casty.EntityFailedException;
import io.casty.logging.RateLimitedWarnings;
import io.casty.protocol.EntityFailure;
import io.casty.protocol.TracedMessage;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A set of actors sharing one thread pool, reachable under one {@link NodeAddress}.
 *
 * <p>Actors run one message at a time each, on a shared {@link ForkJoinPool} sized to the
 * machine (at least two threads), or, on a node, on the network thread that read the message
 * that woke them ({@link #runActorsWokenHere}). A system on its own is local; a node or a client
 * attaches a transport to it ({@link #attachRemoting}) so that refs to other systems send over
 * the network.
 */
public final class ActorSystem implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(ActorSystem.class);

	private final NodeAddress address;

	private final ForkJoinPool dispatcher;

	private final ScheduledThreadPoolExecutor scheduler;

	private final Map<String, Object> actors = new ConcurrentHashMap<>();

	private final AtomicLong temporaryIds = new AtomicLong();

	private final AtomicLong deadLetters = new AtomicLong();

	private final AtomicLong droppedMessages = new AtomicLong();

	private final RateLimitedWarnings mailboxWarnings = new RateLimitedWarnings("full mailboxes");

	private volatile Function<ActorAddress, ActorRef<?>> remoteRefs;

	/** Set on the network threads that run the actors they wake; see {@link #runActorsWokenHere}. */
	private final ThreadLocal<Executor> networkThread = new ThreadLocal<>();

	private volatile boolean closed;

	/** A local system named {@code name}, not reachable from other processes. */
	public static ActorSystem create(String name) {
		return new ActorSystem(new NodeAddress(name, "local-" + UUID.randomUUID(), NodeAddress.NO_PORT));
	}

	/** A system known to the network as {@code address}; see {@link #attachRemoting}. */
	public ActorSystem(NodeAddress address) {
		this.address = Objects.requireNonNull(address, "address");
		this.dispatcher = new ForkJoinPool(Math.max(2, Runtime.getRuntime().availableProcessors()),
				new DispatcherThreadFactory(address.system()), null, true);
		this.scheduler = new ScheduledThreadPoolExecutor(1, runnable -> {
			Thread thread = new Thread(runnable, "casty-" + address.system() + "-scheduler");
			thread.setDaemon(true);
			return thread;
		});
		this.scheduler.setRemoveOnCancelPolicy(true);
	}

	/** The system's name: the cluster name for nodes and clients. */
	public String name() {
		return address.system();
	}

	/** Where this system is reachable. */
	public NodeAddress address() {
		return address;
	}

	/**
	 * The executor actors run on. Also the place to complete futures that user code continues
	 * from, so that no continuation runs on a network thread.
	 */
	public Executor executor() {
		return dispatcher;
	}

	/**
	 * Tells {@code message} to {@code target} every {@code interval}, starting after one
	 * interval, until the returned handle is cancelled or the system closes. For timers of
	 * actors: the tell is the only thing that runs on the scheduler thread.
	 */
	public <M> ScheduledFuture<?> tellEvery(Duration interval, ActorRef<M> target, M message) {
		return runEvery(interval, () -> target.tell(message));
	}

	/**
	 * Runs {@code task} every {@code interval} on the scheduler thread until the returned handle
	 * is cancelled or the system closes. For short housekeeping that must not depend on actors or
	 * network threads being free, such as watching them.
	 */
	public ScheduledFuture<?> runEvery(Duration interval, Runnable task) {
		long nanos = interval.toNanos();
		return scheduler.scheduleAtFixedRate(task, nanos, nanos, TimeUnit.NANOSECONDS);
	}

	/** Tells {@code message} to {@code target} once, after {@code delay}. */
	public <M> ScheduledFuture<?> tellLater(Duration delay, ActorRef<M> target, M message) {
		return scheduler.schedule(() -> target.tell(message), delay.toNanos(), TimeUnit.NANOSECONDS);
	}

	/** Starts a top-level actor at {@code /user/<name>}. */
	public <M> ActorRef<M> spawn(Behavior<M> behavior, String name) {
		return start(behavior, "/user/" + requireActorName(name));
	}

	/**
	 * Internal: starts an actor of the runtime itself at {@code /system/<name>}, where
	 * {@code name} may have several segments ({@code sharding/loyalty}).
	 */
	public <M> ActorRef<M> systemActorOf(Behavior<M> behavior, String name) {
		return start(behavior, "/system/" + requireSystemName(name));
	}

	private static String requireSystemName(String name) {
		for (String segment : name.split("/", -1)) {
			requireActorName(segment);
		}
		return name;
	}

	private <M> ActorRef<M> start(Behavior<M> behavior, String path) {
		Objects.requireNonNull(behavior, "behavior");
		ensureOpen();
		ActorCell<M> cell = new ActorCell<>(this, null, new ActorAddress(address, path), behavior, null, 0,
				MessageInterceptor.NONE);
		if (actors.putIfAbsent(path, cell) != null) {
			throw new IllegalArgumentException("an actor already runs at " + path + " in " + address);
		}
		cell.schedule();
		return cell.ref();
	}

	/**
	 * Internal: registers at {@code /system/<name>} a {@link CallbackRef} whose messages run
	 * {@code route} on the sender's thread, so a router can hand a message from the network
	 * straight to the actor it is for, without a hop through an actor of its own.
	 */
	public <M> ActorRef<M> systemRouterOf(String name, Consumer<? super M> route) {
		Objects.requireNonNull(route, "route");
		ensureOpen();
		String path = "/system/" + requireSystemName(name);
		CallbackRef<M> router = new CallbackRef<>(new ActorAddress(address, path), route);
		if (actors.putIfAbsent(path, router) != null) {
			throw new IllegalArgumentException("an actor already runs at " + path + " in " + address);
		}
		return router;
	}

	/**
	 * Registers a {@link TemporaryRef} at {@code /temp/<n>} whose messages run {@code onMessage}
	 * on the sender's thread. Release it when done.
	 */
	public <M> TemporaryRef<M> temporaryRef(Consumer<? super M> onMessage) {
		Objects.requireNonNull(onMessage, "onMessage");
		ensureOpen();
		String path = "/temp/" + temporaryIds.incrementAndGet();
		TemporaryRef<M> ref = new TemporaryRef<>(this, new ActorAddress(address, path), onMessage);
		actors.put(path, ref);
		return ref;
	}

	/**
	 * Asks {@code target}, in this JVM, the question {@code request} builds around a temporary
	 * reply ref, and completes with the first reply: exceptionally with an
	 * {@link io.casty.EntityFailedException} when the entity answered with an
	 * {@link io.casty.protocol.EntityFailure}, or with a {@link java.util.concurrent.TimeoutException}
	 * when nothing came within {@code timeout}. The reply ref is released either way. For a node's
	 * own code and for tests; clients ask through their {@code EntityRef}s.
	 */
	@SuppressWarnings("unchecked")
	public <C, R> CompletableFuture<R> ask(ActorRef<C> target, Function<ActorRef<R>, C> request, Duration timeout) {
		Objects.requireNonNull(target, "target");
		Objects.requireNonNull(request, "request");
		Objects.requireNonNull(timeout, "timeout");
		CompletableFuture<R> reply = new CompletableFuture<>();
		TemporaryRef<Object> replyTo = temporaryRef(message -> {
			if (message instanceof EntityFailure failure) {
				reply.completeExceptionally(EntityFailedException.of(failure));
			}
			else {
				reply.complete((R) message);
			}
		});
		reply.whenComplete((value, failure) -> replyTo.release());
		target.tell(request.apply((ActorRef<R>) (ActorRef<?>) replyTo));
		return reply.orTimeout(timeout.toNanos(), TimeUnit.NANOSECONDS);
	}

	/**
	 * The ref for an address: the live local actor, a remote ref when remoting is attached, or
	 * a ref whose messages become dead letters.
	 */
	public ActorRef<?> resolve(ActorAddress target) {
		if (target.node().equals(address)) {
			Object local = actors.get(target.path());
			if (local instanceof ActorCell<?> cell) {
				return cell.ref();
			}
			if (local instanceof CallbackRef<?> callback) {
				return callback;
			}
			return new DeadLetterRef<>(this, target);
		}
		Function<ActorAddress, ActorRef<?>> remote = remoteRefs;
		return remote != null ? remote.apply(target) : new DeadLetterRef<>(this, target);
	}

	/**
	 * Internal: lets the transport that carries this system's messages create refs to other
	 * systems. Set once, by the node or client that owns this system.
	 */
	public void attachRemoting(Function<ActorAddress, ActorRef<?>> remoteRefFactory) {
		if (remoteRefs != null) {
			throw new IllegalStateException("remoting is already attached to " + address);
		}
		remoteRefs = Objects.requireNonNull(remoteRefFactory, "remoteRefFactory");
	}

	/**
	 * Internal: hands a message that arrived from the network to the local actor at
	 * {@code path}.
	 */
	@SuppressWarnings({ "unchecked", "rawtypes" })
	public void deliver(String path, Object message) {
		Object recipient = actors.get(path);
		if (recipient instanceof ActorCell cell) {
			cell.enqueue(message);
		}
		else if (recipient instanceof CallbackRef callback) {
			callback.tell(message);
		}
		else {
			deadLetter(new ActorAddress(address, path), message);
		}
	}

	/** How many messages were dropped because their recipient's mailbox was full. */
	public long droppedMessageCount() {
		return droppedMessages.get();
	}

	void mailboxFull(ActorAddress recipient, Object message, int capacity) {
		droppedMessages.incrementAndGet();
		mailboxWarnings.warn(logger, "Dropped a message of type {} to {}: its mailbox holds {} messages, its capacity; "
				+ "its senders outpace it", TracedMessage.typeName(message), recipient, capacity);
	}

	/** How many messages went to actors that did not exist (or no longer did). */
	public long deadLetterCount() {
		return deadLetters.get();
	}

	void deadLetter(ActorAddress recipient, Object message) {
		deadLetters.incrementAndGet();
		logger.debug("Dead letter to {}: {}", recipient, TracedMessage.typeName(message));
	}

	void register(ActorCell<?> cell) {
		String path = cell.ref().address().path();
		if (actors.putIfAbsent(path, cell) != null) {
			throw new IllegalArgumentException("an actor already runs at " + path + " in " + address);
		}
	}

	void unregister(String path, Object actor) {
		actors.remove(path, actor);
	}

	/**
	 * Internal, for a transport: from now on, an actor that a message wakes on the calling
	 * thread (one of the transport's network threads) runs on {@code networkThread}, the
	 * executor of that thread, instead of the pool. The message was read there: running the
	 * actor there too saves two thread hand-offs per message (to the pool, and back to the
	 * network thread with the reply), which is most of a request's latency on a node. The price
	 * is that an actor that blocks holds up that thread's connections; see
	 * {@code NetworkThreadWatchdog}.
	 */
	public void runActorsWokenHere(Executor networkThread) {
		this.networkThread.set(Objects.requireNonNull(networkThread, "networkThread"));
	}

	void executeActor(ActorCell<?> cell) {
		if (closed) {
			return;
		}
		Executor here = networkThread.get();
		if (here != null) {
			try {
				here.execute(cell);
				return;
			}
			catch (RejectedExecutionException stopping) {
				// The network thread is shutting down: the pool runs the actor.
			}
		}
		dispatcher.execute(cell);
	}

	private void ensureOpen() {
		if (closed) {
			throw new IllegalStateException("actor system " + address + " is closed");
		}
	}

	private static String requireActorName(String name) {
		Objects.requireNonNull(name, "name");
		if (name.isEmpty() || name.indexOf('/') >= 0) {
			throw new IllegalArgumentException("actor name : '" + name + "' (expected: non-empty, without '/')");
		}
		return name;
	}

	/** Stops every actor and the thread pool, waiting up to five seconds for running turns. */
	@Override
	public void close() {
		if (closed) {
			return;
		}
		closed = true;
		actors.clear();
		scheduler.shutdownNow();
		dispatcher.shutdownNow();
		try {
			if (!dispatcher.awaitTermination(5, TimeUnit.SECONDS)) {
				logger.warn("Actor system {} closed while actors were still running", address);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static final class DispatcherThreadFactory implements ForkJoinPool.ForkJoinWorkerThreadFactory {

		private final String prefix;

		private final AtomicInteger count = new AtomicInteger();

		DispatcherThreadFactory(String system) {
			this.prefix = "casty-" + system + "-dispatcher-";
		}

		@Override
		public ForkJoinWorkerThread newThread(ForkJoinPool pool) {
			ForkJoinWorkerThread thread = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
			thread.setName(prefix + count.incrementAndGet());
			return thread;
		}
	}
}
