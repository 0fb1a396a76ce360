package io.casty.client;

import io.casty.Settings;
import io.casty.actor.ActorRef;
import io.casty.actor.ActorSystem;
import io.casty.actor.NodeAddress;
import io.casty.protocol.ProtocolMessages;
import io.casty.remote.NettyTransport;
import io.casty.remote.TransportSettings;
import io.casty.serialization.MessageRegistry;
import io.casty.sharding.ShardEnvelope;
import io.casty.topology.TopologySnapshot;
import io.micrometer.observation.ObservationRegistry;
import io.netty.handler.ssl.SslContext;
import io.netty.util.HashedWheelTimer;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reaches a Casty cluster from outside, without joining it.
 *
 * <p>The client connects to a contact point, subscribes to the topology, keeps the shard
 * allocations locally and sends every message straight to the node that owns the entity's
 * shard. Replies to {@link #ask asks} come back over the connection the request used; the client
 * opens no server socket. It is thread-safe; create one per application and
 * {@link #close() close} it on shutdown.
 *
 * <pre>{@code
 * try (ClusterClient client = ClusterClient.builder()
 *         .systemName("loyalty-cluster")
 *         .contactPoints("127.0.0.1:25520")
 *         .registerMessages(AddPoints.class, GetPoints.class)
 *         .build()) {
 *     EntityRef<LoyaltyCommand> loyalty = client.entityRef("loyalty", 10);
 *     loyalty.tell(new ShardEnvelope<>("user-1", new AddPoints(100)));
 *     int points = client.<LoyaltyCommand, Integer>ask(loyalty,
 *             replyTo -> new ShardEnvelope<>("user-1", new GetPoints(replyTo)), Duration.ofSeconds(5)).join();
 * }
 * }</pre>
 */
public final class ClusterClient implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(ClusterClient.class);

	private final ClientSettings settings;

	private final ActorSystem system;

	private final NettyTransport transport;

	private final HashedWheelTimer timer;

	private final ShardRouter router;

	private final TopologySubscription subscription;

	private final EntityRefs entityRefs = new EntityRefs(this);

	private final UnhostedShardTypeWarnings unhostedShardTypes = new UnhostedShardTypeWarnings(entityRefs::shardTypes);

	private final Listeners listeners;

	private final Asks asks;

	private final RequestObservations observations;

	private volatile boolean closed;

	private ClusterClient(ClientSettings settings) {
		this.settings = settings;
		this.listeners = new Listeners(settings.listeners(), unhostedShardTypes);
		AskLimit askLimit = new AskLimit(settings.maxInFlightAsks());
		BusyWait busyWait = BusyWait.forCores(settings.askBusyWait());
		this.system = new ActorSystem(
				new NodeAddress(settings.systemName(), "client-" + UUID.randomUUID(), NodeAddress.NO_PORT));
		this.transport = new NettyTransport(system, settings.registry(), settings.transport());
		this.timer = new HashedWheelTimer(new DefaultThreadFactory("casty-client-timer", true), 10,
				TimeUnit.MILLISECONDS);
		SentAsks sentAsks = new SentAsks(timer);
		this.router = new ShardRouter(transport, sentAsks, settings.bufferSize(),
				(shardType, shard) -> subscription().requestLocation(shardType, shard));
		this.subscription = new TopologySubscription(settings, system, transport, timer, router, listeners,
				askLimit::inFlight);
		this.observations = new RequestObservations(settings.observationRegistry(), settings.systemName(), router);
		this.asks = new Asks(system, timer, askLimit, busyWait, sentAsks, router, subscription, listeners, observations,
				() -> closed);
		transport.addListener(subscription);
		transport.addListener(sentAsks);
		logger.info("Cluster client {} starting; contact points {}", system.address(),
				settings.contactPoints().stream().map(NodeAddress::hostPort).toList());
		if (busyWait != BusyWait.OFF) {
			logger.info("Callers blocked on an ask spin for its reply for up to {} µs before they park ({})",
					settings.askBusyWait().toNanos() / 1_000, busyWait);
		}
		subscription.start();
	}

	/** Starts configuring a client. */
	public static Builder builder() {
		return new Builder();
	}

	private TopologySubscription subscription() {
		return subscription;
	}

	/** See {@link EntityRef#tell(ShardEnvelope)}. */
	void tell(EntityRef<?> ref, ShardEnvelope<?> envelope) {
		ensureOpen();
		observations.tell(ref, Objects.requireNonNull(envelope, "envelope"));
		listeners.notify(listener -> listener.tellSent(ref.shardType()));
	}

	ClientSettings settings() {
		return settings;
	}

	/** This client's unique identity on the wire ({@code system@client-<uuid>:0}). */
	public NodeAddress address() {
		return system.address();
	}

	/**
	 * The handle for one entity type, cached: every call with the same type returns the same
	 * ref.
	 *
	 * @throws IllegalArgumentException when the type was already requested with another shard
	 *     count
	 */
	public <M> EntityRef<M> entityRef(String shardType, int numShards) {
		EntityRef<M> ref = entityRefs.get(shardType, numShards);
		unhostedShardTypes.check(router.table().snapshot(), shardType);
		return ref;
	}

	/**
	 * Sends a request built around a temporary reply address and returns the reply.
	 *
	 * <p>The future completes with the reply, or fails with {@link AskTimeoutException} (sent,
	 * no reply in time), {@link ReplyLostException} (sent, but the connection it went out on
	 * closed first: failed shortly after, not at the timeout),
	 * {@link ClusterUnavailableException} (could not be sent in time, or the client closed),
	 * {@link AskLimitExceededException} (refused at once, unsent: the client already has
	 * {@link Builder#maxInFlightAsks maxInFlightAsks} asks in flight),
	 * {@link UnknownShardTypeException} (at once: the topology shows the cluster does not host the
	 * ref's shard type), or the exception that kept
	 * the request from being encoded. It never hangs and completes exactly once. A blocked
	 * {@code get()} wakes as soon as the reply arrives; callbacks added to the future, with or
	 * without {@code Async}, run on the client's executor, never on a network thread.
	 *
	 * @param ref the entity type
	 * @param request builds the envelope from the reply address
	 * @param timeout how long to wait for the reply
	 */
	public <M, R> CompletableFuture<R> ask(EntityRef<M> ref, Function<ActorRef<R>, ShardEnvelope<M>> request,
			Duration timeout) {
		Objects.requireNonNull(ref, "ref");
		Objects.requireNonNull(request, "request");
		Objects.requireNonNull(timeout, "timeout");
		ensureOpen();
		return asks.ask(ref, request, timeout);
	}

	/** {@link #ask(EntityRef, Function, Duration)} with the default ask timeout. */
	public <M, R> CompletableFuture<R> ask(EntityRef<M> ref, Function<ActorRef<R>, ShardEnvelope<M>> request) {
		return ask(ref, request, settings.askTimeout());
	}

	/** The latest topology received, if any yet. */
	public Optional<TopologySnapshot> topology() {
		return Optional.ofNullable(router.table().snapshot());
	}

	/**
	 * The client's link to the cluster now: status, contact point, latest topology and its age,
	 * buffered messages, asks in flight, connected nodes. Reads cached values only; never blocks.
	 */
	public ClientState state() {
		return subscription.state();
	}

	/** The contact point the client is subscribed at, if connected. */
	public Optional<NodeAddress> contactPoint() {
		return Optional.ofNullable(subscription.contact());
	}

	/**
	 * Waits for the first topology.
	 *
	 * @throws SystemNameRefusedException at once, when every contact point refused the client's
	 *     system name on its latest attempt (none can come until that is fixed)
	 * @throws ClusterUnavailableException when none arrives within {@code timeout}
	 */
	public TopologySnapshot awaitTopology(Duration timeout) {
		return subscription.firstTopology().await(timeout);
	}

	private void ensureOpen() {
		if (closed) {
			throw new IllegalStateException("This cluster client is closed");
		}
	}

	/**
	 * Fails the asks still in flight, drops buffered messages, closes every connection and stops
	 * the client's threads.
	 */
	@Override
	public void close() {
		if (closed) {
			return;
		}
		closed = true;
		subscription.close();
		asks.failInFlight(timer.stop());
		router.clear();
		transport.close();
		system.close();
		logger.info("Cluster client {} closed", system.address());
	}

	/**
	 * Configures a {@link ClusterClient}. Every setting starts from the {@code DEFAULT_*}
	 * constant of the same name; {@link #build()} validates and starts the client.
	 */
	public static final class Builder {

		/** How long an ask waits for its reply unless given a timeout. */
		public static final Duration DEFAULT_ASK_TIMEOUT = Duration.ofSeconds(5);

		/**
		 * How long a thread blocked in {@code get()} or {@code join()} on an ask's future spins
		 * for the reply before it parks; zero, the default, parks at once. Spinning saves the
		 * wake-up of a parked thread (10–20 µs of a 70 µs loopback round trip in most rounds on a
		 * two-core virtual machine, see docs/benchmarks.md) and burns the core it spins on
		 * meanwhile, which a network thread may need (in some rounds there it made asks slower):
		 * it pays only for callers that block on replies that usually arrive within the spin, on
		 * a machine with cores to spare. At most half the cores (at least one) spin at once per
		 * client; other waiters park at once. Callbacks added to the future never spin.
		 */
		public static final Duration DEFAULT_ASK_BUSY_WAIT = Duration.ZERO;

		/** How many messages may wait for their shard's owner to be known. */
		public static final int DEFAULT_BUFFER_SIZE = 10_000;

		/**
		 * How many asks may wait for their replies at once. Every ask in flight holds a pending
		 * future, a temporary reply address and a timer until it ends, so without a limit a client
		 * whose cluster stalls, or answers more slowly than the application asks, would pile them
		 * up, and their memory, without bound. At the limit a new ask is refused at once: nothing
		 * is sent, the caller is not blocked, and the returned future has already failed with
		 * {@link AskLimitExceededException}. An ask frees its slot when it ends (reply, timeout,
		 * failure or close).
		 */
		public static final int DEFAULT_MAX_IN_FLIGHT_ASKS = 10_000;

		/** The first wait before reconnecting after a failure. */
		public static final Duration DEFAULT_RECONNECT_BACKOFF_MIN = Duration.ofMillis(100);

		/** The longest wait between reconnection attempts. */
		public static final Duration DEFAULT_RECONNECT_BACKOFF_MAX = Duration.ofSeconds(5);

		/**
		 * How long a subscription may go without a topology push before the contact point is
		 * considered lost; nodes push at least every
		 * {@code ClusteredActorSystem.Builder.DEFAULT_TOPOLOGY_HEARTBEAT_INTERVAL}.
		 */
		public static final Duration DEFAULT_SUBSCRIPTION_TIMEOUT = Duration.ofSeconds(5);

		private String systemName;

		private List<String> contactPoints = List.of();

		private final MessageRegistry.Builder registry = ProtocolMessages.registry();

		private final TransportSettings.Builder transport = TransportSettings.builder().ioThreads(1);

		private Duration askTimeout = DEFAULT_ASK_TIMEOUT;

		private Duration askBusyWait = DEFAULT_ASK_BUSY_WAIT;

		private int bufferSize = DEFAULT_BUFFER_SIZE;

		private int maxInFlightAsks = DEFAULT_MAX_IN_FLIGHT_ASKS;

		private Duration reconnectBackoffMin = DEFAULT_RECONNECT_BACKOFF_MIN;

		private Duration reconnectBackoffMax = DEFAULT_RECONNECT_BACKOFF_MAX;

		private Duration subscriptionTimeout = DEFAULT_SUBSCRIPTION_TIMEOUT;

		private final List<ClusterClientListener> listeners = new ArrayList<>();

		private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

		private Builder() {
		}

		/** The cluster's system name; must match the nodes'. Required. */
		public Builder systemName(String systemName) {
			this.systemName = Objects.requireNonNull(systemName, "systemName");
			return this;
		}

		/** Nodes to subscribe at, as {@code host:port}, tried in order. Required. */
		public Builder contactPoints(String... contactPoints) {
			return contactPoints(List.of(contactPoints));
		}

		/** Nodes to subscribe at, as {@code host:port}, tried in order. Required. */
		public Builder contactPoints(List<String> contactPoints) {
			this.contactPoints = List.copyOf(contactPoints);
			return this;
		}

		/** Allows these message classes on the wire; the nodes must register the same ones. */
		public Builder registerMessages(Class<?>... messageClasses) {
			registry.register(messageClasses);
			return this;
		}

		/** Allows these message classes on the wire; the nodes must register the same ones. */
		public Builder registerMessages(List<Class<?>> messageClasses) {
			registry.register(messageClasses);
			return this;
		}

		/** See {@link #DEFAULT_ASK_TIMEOUT}. */
		public Builder askTimeout(Duration askTimeout) {
			this.askTimeout = Settings.positive(askTimeout, "askTimeout");
			return this;
		}

		/**
		 * See {@link #DEFAULT_ASK_BUSY_WAIT}.
		 *
		 * @param askBusyWait from zero (off) to one millisecond
		 */
		public Builder askBusyWait(Duration askBusyWait) {
			Settings.zeroOrPositive(askBusyWait, "askBusyWait");
			if (askBusyWait.compareTo(BusyWait.MAX) > 0) {
				throw new IllegalArgumentException("askBusyWait : " + askBusyWait + " (expected: at most " + BusyWait.MAX
						+ "; a reply later than that is better waited for parked)");
			}
			this.askBusyWait = askBusyWait;
			return this;
		}

		/** See {@link #DEFAULT_BUFFER_SIZE}. */
		public Builder bufferSize(int bufferSize) {
			if (bufferSize < 0) {
				throw new IllegalArgumentException("bufferSize : " + bufferSize + " (expected: >= 0)");
			}
			this.bufferSize = bufferSize;
			return this;
		}

		/** See {@link #DEFAULT_MAX_IN_FLIGHT_ASKS}. */
		public Builder maxInFlightAsks(int maxInFlightAsks) {
			if (maxInFlightAsks <= 0) {
				throw new IllegalArgumentException("maxInFlightAsks : " + maxInFlightAsks + " (expected: > 0)");
			}
			this.maxInFlightAsks = maxInFlightAsks;
			return this;
		}

		/** See {@link TransportSettings#DEFAULT_CONNECT_TIMEOUT}. */
		public Builder connectTimeout(Duration connectTimeout) {
			transport.connectTimeout(connectTimeout);
			return this;
		}

		/** See {@link TransportSettings#DEFAULT_HANDSHAKE_TIMEOUT}. */
		public Builder handshakeTimeout(Duration handshakeTimeout) {
			transport.handshakeTimeout(handshakeTimeout);
			return this;
		}

		/**
		 * The secret the cluster's nodes were given; the client then proves it in every
		 * handshake, and talks only to nodes that prove it back. See
		 * {@link TransportSettings.Builder#clusterSecret(String)}.
		 */
		public Builder clusterSecret(String secret) {
			transport.clusterSecret(secret);
			return this;
		}

		/**
		 * TLS for the connections to the nodes, from Netty's {@code SslContextBuilder.forClient()}
		 * with a trust manager for the nodes' certificates; host names are verified unless the
		 * context turns it off. See {@link TransportSettings.Builder#clientTls}.
		 */
		public Builder tls(SslContext context) {
			transport.clientTls(context);
			return this;
		}

		/** See {@link TransportSettings#DEFAULT_MAX_FRAME_SIZE}; must match the nodes'. */
		public Builder maxFrameSize(int bytes) {
			transport.maxFrameSize(bytes);
			return this;
		}

		/** See {@link #DEFAULT_RECONNECT_BACKOFF_MIN} and {@link #DEFAULT_RECONNECT_BACKOFF_MAX}. */
		public Builder reconnectBackoff(Duration min, Duration max) {
			Settings.positive(min, "reconnectBackoff min");
			Settings.positive(max, "reconnectBackoff max");
			if (max.compareTo(min) < 0) {
				throw new IllegalArgumentException("reconnectBackoff : max " + max + " < min " + min);
			}
			this.reconnectBackoffMin = min;
			this.reconnectBackoffMax = max;
			return this;
		}

		/** See {@link #DEFAULT_SUBSCRIPTION_TIMEOUT}. */
		public Builder subscriptionTimeout(Duration subscriptionTimeout) {
			this.subscriptionTimeout = Settings.positive(subscriptionTimeout, "subscriptionTimeout");
			return this;
		}

		/** Adds a listener for state changes, topology updates, tells and asks (for metrics). */
		public Builder listener(ClusterClientListener listener) {
			listeners.add(Objects.requireNonNull(listener, "listener"));
			return this;
		}

		/**
		 * Where the observations of tells and asks go ({@code casty.client.requests}, see
		 * {@link io.casty.client.observation.DefaultClientRequestObservationConvention}): with a
		 * tracing handler, each request is a span, a child of the caller's current one, and its
		 * trace context travels in the envelope to the node, whose entity's handling continues
		 * the trace. {@link ObservationRegistry#NOOP} (the default) observes nothing and sends
		 * envelopes as they are.
		 */
		public Builder observationRegistry(ObservationRegistry registry) {
			this.observationRegistry = Objects.requireNonNull(registry, "registry");
			return this;
		}

		/**
		 * Validates the settings and starts the client: it connects in the background, and
		 * messages sent before the topology arrives wait in the buffer.
		 *
		 * @throws IllegalArgumentException naming the setting that is missing or invalid
		 */
		public ClusterClient build() {
			if (systemName == null || systemName.isBlank()) {
				throw new IllegalArgumentException("systemName is required (the cluster's system name)");
			}
			ClientSettings settings = new ClientSettings(systemName, ContactPoints.parse(systemName, contactPoints),
					registry.build(), transport.build(), askTimeout, askBusyWait, bufferSize, maxInFlightAsks,
					reconnectBackoffMin, reconnectBackoffMax, subscriptionTimeout, listeners, observationRegistry);
			return new ClusterClient(settings);
		}
	}
}
