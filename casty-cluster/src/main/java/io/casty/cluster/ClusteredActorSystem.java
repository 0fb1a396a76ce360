package io.casty.cluster;

import io.casty.CastyException;
import io.casty.Settings;
import io.casty.actor.ActorAddress;
import io.casty.actor.ActorRef;
import io.casty.actor.ActorSystem;
import io.casty.actor.NodeAddress;
import io.casty.actor.TemporaryRef;
import io.casty.cluster.membership.ClusterDaemon;
import io.casty.cluster.membership.ClusterMessages;
import io.casty.cluster.membership.MembershipClock;
import io.casty.cluster.observation.EntityObservations;
import io.casty.cluster.sharding.ShardRegion;
import io.casty.cluster.topology.TopologyPublisher;
import io.casty.protocol.ProtocolMessages;
import io.casty.protocol.SubscribeTopology;
import io.casty.remote.NettyTransport;
import io.casty.remote.TransportListener;
import io.casty.remote.TransportSettings;
import io.casty.serialization.MessageRegistry;
import io.casty.sharding.ShardEnvelope;
import io.casty.topology.TopologySnapshot;
import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A cluster node: an actor system that listens on {@code host:port}, joins the cluster
 * through its seed nodes, hosts sharded entity types, publishes the topology, and serves
 * clients on the same port. {@link #close()} leaves the cluster gracefully: the node's shards
 * move to other members before it stops.
 *
 * <pre>{@code
 * try (ClusteredActorSystem node = ClusteredActorSystem.builder("loyalty-cluster")
 *         .host("127.0.0.1").port(25520).nodeId("node-1")
 *         .registerMessages(AddPoints.class, GetPoints.class)
 *         .start()) {
 *     node.shardRegion(EntityType.of("loyalty", 10, LoyaltyEntity::create));
 *     node.awaitMembers(1, Duration.ofSeconds(10));
 *     ...
 * }
 * }</pre>
 */
public final class ClusteredActorSystem implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(ClusteredActorSystem.class);

	private final String nodeId;

	private final ActorSystem system;

	private final NettyTransport transport;

	private final ActorRef<Object> publisher;

	private final ActorRef<Object> daemon;

	private final ClusterSettings cluster;

	private final AtomicLong forwarded = new AtomicLong();

	private final AtomicBoolean hostsEntities = new AtomicBoolean(true);

	private final Thread shutdownHook;

	private volatile boolean closed;

	/** The hosted entity types' regions, by type name. */
	private final Map<String, ShardRegion.Hosted> regions = new ConcurrentHashMap<>();

	private final TemporaryRef<TopologySnapshot> topologyWatcher;

	private final LatestTopology topology = new LatestTopology();

	private final Duration passivateIdleAfter;

	private final int entityMailboxCapacity;

	private final EntityObservations entityObservations;

	/** One clock for the daemon and the regions: a region judges the daemon's hosting leases by it. */
	private final MembershipClock clock = MembershipClock.SYSTEM;

	private ClusteredActorSystem(Builder builder, ClusterSettings cluster) {
		this.nodeId = builder.nodeId != null ? builder.nodeId : builder.host + ":" + builder.port;
		this.system = new ActorSystem(new NodeAddress(builder.systemName, builder.host, builder.port));
		this.transport = new NettyTransport(system, builder.registry.build(), builder.transport);
		if (builder.actorsOnNetworkThreads) {
			transport.runActorsOnNetworkThreads();
		}
		try {
			transport.bind((builder.bindHost != null) ? builder.bindHost : builder.host,
					(builder.bindPort != 0) ? builder.bindPort : builder.port);
		}
		catch (RuntimeException ex) {
			transport.close();
			system.close();
			throw ex;
		}
		this.publisher = system.systemActorOf(TopologyPublisher.create(builder.topologyHeartbeatInterval), "topology");
		this.topologyWatcher = system.temporaryRef(topology::offer);
		publisher.tell(new SubscribeTopology(topologyWatcher));
		this.cluster = cluster;
		this.passivateIdleAfter = builder.passivateIdleAfter;
		this.entityMailboxCapacity = builder.entityMailboxCapacity;
		this.entityObservations = new EntityObservations(builder.observationRegistry, system.address().hostPort());
		this.daemon = system.systemActorOf(ClusterDaemon.create(cluster, nodeId, publisher, hostsEntities::set, clock),
				ClusterDaemon.PATH.substring("/system/".length()));
		transport.addListener(new TransportListener() {
			@Override
			public void associated(NodeAddress peer) {
				// Only nodes own shards: a client's connection releases nothing that waits.
				if (peer.isListening()) {
					regions.values().forEach(region -> region.connected(peer));
				}
			}

			@Override
			public void disassociated(NodeAddress peer, Throwable cause) {
				publisher.tell(new TopologyPublisher.PeerGone(peer));
			}
		});
		this.shutdownHook = builder.leaveOnShutdown ? new Thread(this::close, "casty-" + nodeId + "-leave") : null;
		if (shutdownHook != null) {
			Runtime.getRuntime().addShutdownHook(shutdownHook);
		}
	}

	/** Starts configuring a node of the cluster {@code systemName}. */
	public static Builder builder(String systemName) {
		return new Builder(systemName);
	}

	/** This node's address, {@code system@host:port}. */
	public NodeAddress address() {
		return system.address();
	}

	/** This node's configured name. */
	public String nodeId() {
		return nodeId;
	}

	/** The local actor system, to spawn actors of your own. */
	public ActorSystem actorSystem() {
		return system;
	}

	/**
	 * Hosts an entity type on this node: its shards are allocated, and messages sent to the
	 * returned ref (or by clients to the type's name) reach the entities.
	 *
	 * @throws IllegalArgumentException when a type of that name is already hosted
	 */
	public <M> ActorRef<ShardEnvelope<M>> shardRegion(EntityType<M> type) {
		Objects.requireNonNull(type, "type");
		ShardRegion.Hosted region;
		synchronized (regions) {
			if (regions.containsKey(type.name())) {
				throw new IllegalArgumentException("Entity type '" + type.name() + "' is already hosted on " + nodeId);
			}
			region = ShardRegion.start(system, type, daemon, this::sendIfConnected, forwarded, passivateIdleAfter,
					entityMailboxCapacity, clock::nanoTime, entityObservations);
			regions.put(type.name(), region);
		}
		daemon.tell(new ClusterDaemon.RegisterEntityType(type.name(), type.numShards()));
		return region.router().narrow();
	}

	/** For the regions, see {@link io.casty.cluster.sharding.OpenConnections}. */
	private boolean sendIfConnected(ActorAddress recipient, Object message) {
		if (transport.sendIfConnected(recipient.node(), transport.encode(recipient.path(), message)) != null) {
			return true;
		}
		// Reported to the regions by the listener above when it opens; a failure is the failure
		// detector's business, and the heartbeats will try again.
		transport.connect(recipient.node());
		return false;
	}

	/**
	 * How many entities of a type run on this node now: started, not passivated, and of shards
	 * this node owns.
	 *
	 * @throws IllegalArgumentException when the type is not hosted here
	 */
	public int runningEntities(String type) {
		ShardRegion.Hosted region = regions.get(type);
		if (region == null) {
			throw new IllegalArgumentException("Entity type '" + type + "' is not hosted on " + nodeId);
		}
		return region.runningEntities().getAsInt();
	}

	/**
	 * How many messages this node dropped because their entity's mailbox was full (see
	 * {@link Builder#entityMailboxCapacity}). Zero unless senders outpace an entity.
	 */
	public long droppedMessages() {
		return system.droppedMessageCount();
	}

	/**
	 * How many envelopes this node's regions passed on to another node because they arrived at
	 * a node that does not own their shard (a sender with a stale view). Zero in a steady state.
	 */
	public long forwardedMessages() {
		return forwarded.get();
	}

	/**
	 * Whether this node's regions run the entities of the shards it owns: false while it stopped
	 * them, reaching no majority of the members or picked for downing by the gossiped
	 * reachability ({@link SplitBrainStrategy#KEEP_MAJORITY}).
	 */
	public boolean hostsEntities() {
		return hostsEntities.get();
	}

	/** The latest topology this node published, if any yet. */
	public Optional<TopologySnapshot> topology() {
		return topology.current();
	}

	/**
	 * Waits until the topology shows at least {@code count} members that are up.
	 *
	 * @throws CastyException when that does not happen within {@code timeout}
	 */
	public TopologySnapshot awaitMembers(int count, Duration timeout) {
		return topology.await(snapshot -> snapshot.upMembers().size() >= count, timeout,
				() -> "Fewer than " + count + " members are up after " + timeout);
	}

	/**
	 * Waits until this node is an up member of the cluster (it joined, or founded it).
	 *
	 * @throws CastyException when that does not happen within {@code timeout}
	 */
	public TopologySnapshot awaitUp(Duration timeout) {
		return topology.await(snapshot -> snapshot.upMembers().stream().anyMatch(member -> member.address().equals(address())),
				timeout, () -> "Node " + nodeId + " is not an up member after " + timeout
						+ "; check that a seed node is reachable");
	}

	/**
	 * Waits until every shard of every hosted entity type is allocated.
	 *
	 * @throws CastyException when that does not happen within {@code timeout}
	 */
	public TopologySnapshot awaitAllocations(Duration timeout) {
		return topology.await(snapshot -> regions.keySet().stream()
			.allMatch(type -> snapshot.allocation(type).map(a -> a.isFullyAllocated()).orElse(false)), timeout,
				() -> "Shards of " + regions.keySet() + " are not all allocated after " + timeout);
	}

	/** The ref of an actor by address: local, on another node, or in a connected client. */
	public ActorRef<?> resolve(ActorAddress address) {
		return system.resolve(address);
	}

	/**
	 * Leaves the cluster gracefully (its shards move to other members, messages that arrive
	 * meanwhile wait and follow them), then closes every connection, stops every actor and
	 * releases the port. Waits at most the leave timeout for the hand-off.
	 */
	@Override
	public void close() {
		synchronized (this) {
			if (closed) {
				return;
			}
			closed = true;
		}
		if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
			try {
				Runtime.getRuntime().removeShutdownHook(shutdownHook);
			}
			catch (IllegalStateException shuttingDown) {
				// The JVM is already exiting; the hook runs (or ran) this same close.
			}
		}
		leave();
		logger.info("Stopping node {} ({})", nodeId, address());
		topologyWatcher.release();
		transport.close();
		system.close();
	}

	/**
	 * Stops at once without leaving, as a crash would: the other members must detect it and
	 * down it. For tests of failure handling.
	 */
	void abort() {
		closed = true;
		if (shutdownHook != null) {
			Runtime.getRuntime().removeShutdownHook(shutdownHook);
		}
		topologyWatcher.release();
		transport.close();
		system.close();
	}

	private void leave() {
		CompletableFuture<Void> left = new CompletableFuture<>();
		daemon.tell(new ClusterDaemon.Leave(left));
		try {
			left.get(cluster.leaveTimeout().toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			logger.warn("Node {} did not finish handing off its shards within {} ms; stopping anyway", nodeId,
					cluster.leaveTimeout().toMillis());
		}
		catch (ExecutionException ex) {
			logger.warn("Node {} could not leave the cluster gracefully", nodeId, ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** Configures a node; {@link #start()} binds the port and starts it. */
	public static final class Builder {

		/** The host a node listens on unless told otherwise. */
		public static final String DEFAULT_HOST = "127.0.0.1";

		/** The port a node listens on unless told otherwise. */
		public static final int DEFAULT_PORT = 25520;

		private final String systemName;

		private String host = DEFAULT_HOST;

		private int port = DEFAULT_PORT;

		private String bindHost;

		private int bindPort;

		private String nodeId;

		private final MessageRegistry.Builder registry = ProtocolMessages.registry().register(ClusterMessages.CLASSES);

		private List<String> seedNodes = List.of();

		private Duration gossipInterval = ClusterSettings.DEFAULT_GOSSIP_INTERVAL;

		private Duration heartbeatInterval = ClusterSettings.DEFAULT_HEARTBEAT_INTERVAL;

		private double failureDetectorThreshold = ClusterSettings.DEFAULT_FAILURE_DETECTOR_THRESHOLD;

		private Duration acceptableHeartbeatPause = ClusterSettings.DEFAULT_ACCEPTABLE_HEARTBEAT_PAUSE;

		private Duration downAfter = ClusterSettings.DEFAULT_DOWN_AFTER;

		private int maxSimultaneousRebalance = ClusterSettings.DEFAULT_MAX_SIMULTANEOUS_REBALANCE;

		private Duration leaveTimeout = ClusterSettings.DEFAULT_LEAVE_TIMEOUT;

		private SplitBrainStrategy splitBrainStrategy = ClusterSettings.DEFAULT_SPLIT_BRAIN_STRATEGY;

		private boolean leaveOnShutdown = true;

		/** How often clients get the topology again when nothing changed; see {@link #topologyHeartbeatInterval}. */
		public static final Duration DEFAULT_TOPOLOGY_HEARTBEAT_INTERVAL = Duration.ofSeconds(1);

		private TransportSettings transport = TransportSettings.defaults();

		private Duration topologyHeartbeatInterval = DEFAULT_TOPOLOGY_HEARTBEAT_INTERVAL;

		/** How long an entity may go without a message before it is stopped; see {@link #passivateIdleAfter}. */
		public static final Duration DEFAULT_PASSIVATE_IDLE_AFTER = Duration.ofMinutes(2);

		private Duration passivateIdleAfter = DEFAULT_PASSIVATE_IDLE_AFTER;

		/** Messages that may wait for one entity; see {@link #entityMailboxCapacity}. */
		public static final int DEFAULT_ENTITY_MAILBOX_CAPACITY = 100_000;

		private int entityMailboxCapacity = DEFAULT_ENTITY_MAILBOX_CAPACITY;

		private boolean actorsOnNetworkThreads = true;

		private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

		private Builder(String systemName) {
			this.systemName = NodeAddress.requireName(systemName, "systemName");
		}

		/**
		 * The address to listen on and to be known by (other nodes and clients connect to it);
		 * see {@link #DEFAULT_HOST} and, when the two differ, {@link #bindHost}.
		 */
		public Builder host(String host) {
			this.host = NodeAddress.requireName(host, "host");
			return this;
		}

		/** The port to listen on and to be known by; see {@link #DEFAULT_PORT} and {@link #bindPort}. */
		public Builder port(int port) {
			if (port <= 0 || port > 65535) {
				throw new IllegalArgumentException("port : " + port + " (expected: 1-65535)");
			}
			this.port = port;
			return this;
		}

		/**
		 * The address to listen on when it differs from {@link #host}, the one other nodes and
		 * clients reach: in a container whose port is published, the container's own address
		 * (or 0.0.0.0) here and the published host in {@link #host}. Unset: {@link #host}.
		 */
		public Builder bindHost(String bindHost) {
			this.bindHost = NodeAddress.requireName(bindHost, "bindHost");
			return this;
		}

		/**
		 * The port to listen on when it differs from {@link #port}, the one others reach (a
		 * published container port maps the one to the other). Unset: {@link #port}.
		 */
		public Builder bindPort(int bindPort) {
			if (bindPort <= 0 || bindPort > 65535) {
				throw new IllegalArgumentException("bindPort : " + bindPort + " (expected: 1-65535)");
			}
			this.bindPort = bindPort;
			return this;
		}

		/** A name for this node in logs and topology; defaults to {@code host:port}. */
		public Builder nodeId(String nodeId) {
			if (Objects.requireNonNull(nodeId, "nodeId").isBlank()) {
				throw new IllegalArgumentException("nodeId : '" + nodeId + "' (expected: non-blank)");
			}
			this.nodeId = nodeId;
			return this;
		}

		/** Allows these message classes on the wire; clients must register the same ones. */
		public Builder registerMessages(Class<?>... messageClasses) {
			registry.register(messageClasses);
			return this;
		}

		/** Allows these message classes on the wire; clients must register the same ones. */
		public Builder registerMessages(List<Class<?>> messageClasses) {
			registry.register(messageClasses);
			return this;
		}

		/**
		 * How often subscribed clients get the current topology again, changed or not, so they
		 * can tell a live subscription from a dead one; keep it well below the clients'
		 * subscription timeout. See {@link #DEFAULT_TOPOLOGY_HEARTBEAT_INTERVAL}.
		 */
		public Builder topologyHeartbeatInterval(Duration interval) {
			this.topologyHeartbeatInterval = Settings.positive(interval, "topologyHeartbeatInterval");
			return this;
		}

		/**
		 * Stops (passivates) an entity that got no message for this long, releasing its memory;
		 * its next message starts it again, as on its first. Nothing sent to it is lost on the
		 * way. Idle entities stop between one and one and a quarter times this after their last
		 * message. {@link Duration#ZERO} keeps every entity running until its shard moves. See
		 * {@link #DEFAULT_PASSIVATE_IDLE_AFTER}.
		 */
		public Builder passivateIdleAfter(Duration idle) {
			this.passivateIdleAfter = Settings.zeroOrPositive(idle, "passivateIdleAfter");
			return this;
		}

		/**
		 * How many messages may wait in one entity's mailbox. A sender (or many) faster than an
		 * entity would otherwise grow its mailbox until the heap runs out; beyond the capacity a
		 * message is dropped (delivery is at most once; an ask's sender gets no reply and times
		 * out), counted in {@link ClusteredActorSystem#droppedMessages()} and warned about, at
		 * most ten lines every ten seconds. See {@link #DEFAULT_ENTITY_MAILBOX_CAPACITY}.
		 */
		public Builder entityMailboxCapacity(int capacity) {
			if (capacity <= 0) {
				throw new IllegalArgumentException("entityMailboxCapacity : " + capacity + " (expected: > 0)");
			}
			this.entityMailboxCapacity = capacity;
			return this;
		}

		/**
		 * Where the observations of entities handling messages go ({@code casty.entity.messages},
		 * see {@link io.casty.cluster.observation.DefaultEntityMessageObservationConvention}): with
		 * a tracing handler, each message handled is a span that continues the trace of the
		 * client request that sent it. {@link ObservationRegistry#NOOP} (the default) observes
		 * nothing.
		 */
		public Builder observationRegistry(ObservationRegistry registry) {
			this.observationRegistry = Objects.requireNonNull(registry, "registry");
			return this;
		}

		/**
		 * Whether an entity (or any actor of the node) that a message from the network wakes runs
		 * on the network thread that read the message, as WebFlux handlers do, rather than on the
		 * node's thread pool. On by default: it spares each request two thread hand-offs (about
		 * a fifth of an ask's round trip on loopback) and most of the node's context switches.
		 * Handlers must then not block, or a network thread's connections wait for them; a
		 * network thread busy with one task for longer than
		 * {@link TransportSettings.Builder#blockedThreadWarning} is logged with its stack. One
		 * connection is served by one network thread, so the entities one client wakes share
		 * one core. Turn it off for entities that block or compute for long, or to spread few
		 * clients' entities over a many-core node. Per-entity order is the same either way.
		 */
		public Builder actorsOnNetworkThreads(boolean onNetworkThreads) {
			this.actorsOnNetworkThreads = onNetworkThreads;
			return this;
		}

		/**
		 * Members to join through, as {@code host:port}. A node with no seed but itself (or none)
		 * founds the cluster. A seed that lists other seeds joins them, and founds the cluster
		 * only when none answers within five gossip rounds; any other node just joins.
		 */
		public Builder seedNodes(List<String> seedNodes) {
			for (int i = 0; i < seedNodes.size(); i++) {
				NodeAddress.ofHostPort(systemName, seedNodes.get(i), "seedNodes[" + i + "]");
			}
			this.seedNodes = List.copyOf(seedNodes);
			return this;
		}

		/** See {@link #seedNodes(List)}. */
		public Builder seedNodes(String... seedNodes) {
			return seedNodes(List.of(seedNodes));
		}

		/** See {@link ClusterSettings#DEFAULT_GOSSIP_INTERVAL}. */
		public Builder gossipInterval(Duration interval) {
			this.gossipInterval = Settings.positive(interval, "gossipInterval");
			return this;
		}

		/** See {@link ClusterSettings#DEFAULT_HEARTBEAT_INTERVAL}. */
		public Builder heartbeatInterval(Duration interval) {
			this.heartbeatInterval = Settings.positive(interval, "heartbeatInterval");
			return this;
		}

		/** See {@link ClusterSettings#DEFAULT_FAILURE_DETECTOR_THRESHOLD}. */
		public Builder failureDetectorThreshold(double threshold) {
			if (!(threshold > 0)) {
				throw new IllegalArgumentException("failureDetectorThreshold : " + threshold + " (expected: > 0)");
			}
			this.failureDetectorThreshold = threshold;
			return this;
		}

		/** See {@link ClusterSettings#DEFAULT_ACCEPTABLE_HEARTBEAT_PAUSE}. */
		public Builder acceptableHeartbeatPause(Duration pause) {
			this.acceptableHeartbeatPause = Settings.positive(pause, "acceptableHeartbeatPause");
			return this;
		}

		/** See {@link ClusterSettings#DEFAULT_DOWN_AFTER}. */
		public Builder downAfter(Duration downAfter) {
			this.downAfter = Settings.positive(downAfter, "downAfter");
			return this;
		}

		/** See {@link ClusterSettings#DEFAULT_MAX_SIMULTANEOUS_REBALANCE}. */
		public Builder maxSimultaneousRebalance(int shards) {
			if (shards < 1) {
				throw new IllegalArgumentException("maxSimultaneousRebalance : " + shards + " (expected: > 0)");
			}
			this.maxSimultaneousRebalance = shards;
			return this;
		}

		/** See {@link ClusterSettings#DEFAULT_LEAVE_TIMEOUT}. */
		public Builder leaveTimeout(Duration timeout) {
			this.leaveTimeout = Settings.positive(timeout, "leaveTimeout");
			return this;
		}

		/**
		 * What members do about the members they cannot reach; {@link SplitBrainStrategy#KEEP_MAJORITY}
		 * by default. See {@link SplitBrainStrategy}.
		 */
		public Builder splitBrainStrategy(SplitBrainStrategy strategy) {
			this.splitBrainStrategy = Objects.requireNonNull(strategy, "splitBrainStrategy");
			return this;
		}

		/** Whether a JVM shutdown (SIGTERM, Ctrl-C) leaves the cluster gracefully first; on by default. */
		public Builder leaveOnShutdown(boolean leave) {
			this.leaveOnShutdown = leave;
			return this;
		}

		private ClusterSettings clusterSettings() {
			List<NodeAddress> seeds = seedNodes.stream()
				.map(seed -> NodeAddress.ofHostPort(systemName, seed, "seed node"))
				.toList();
			return new ClusterSettings(seeds, gossipInterval, heartbeatInterval, failureDetectorThreshold,
					acceptableHeartbeatPause, downAfter, maxSimultaneousRebalance, leaveTimeout, splitBrainStrategy);
		}

		/** Frame size and timeouts of the node's connections. */
		public Builder transport(TransportSettings settings) {
			this.transport = Objects.requireNonNull(settings, "settings");
			return this;
		}

		/**
		 * Binds the port and starts the node.
		 *
		 * @throws CastyException when the port cannot be bound
		 */
		public ClusteredActorSystem start() {
			return new ClusteredActorSystem(this, clusterSettings());
		}
	}
}
