package io.casty.spring.autoconfigure.node;

import io.casty.cluster.ClusterSettings;
import io.casty.cluster.ClusteredActorSystem;
import io.casty.cluster.SplitBrainStrategy;
import io.casty.cluster.discovery.DnsSeedDiscovery;
import io.casty.persistence.jdbc.JdbcJournal;
import io.casty.remote.TransportSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration properties of the cluster node ({@code casty.node.*}).
 *
 * <p>Every default is the node's own {@code DEFAULT_*} constant, so the two never drift apart,
 * and every value is judged by the builder it goes to ({@code NodeStarter}): a value the node
 * refuses fails startup with a report naming the property, its value and the builder's reason,
 * before the node binds its port.
 */
@ConfigurationProperties("casty.node")
public class CastyNodeProperties {

	/**
	 * Name of the cluster's actor system; the same on every node and client.
	 */
	private String systemName;

	/**
	 * Address to listen on, and this node's address in the topology: other nodes and clients
	 * connect to it, so it must be reachable from them.
	 */
	private String host = ClusteredActorSystem.Builder.DEFAULT_HOST;

	/**
	 * Port for nodes and clients.
	 */
	private int port = ClusteredActorSystem.Builder.DEFAULT_PORT;

	/**
	 * Address to listen on when it differs from host, the one nodes and clients reach: in a
	 * container whose port is published, 0.0.0.0 here and the published host in host. Not set:
	 * host.
	 */
	private String bindHost;

	/**
	 * Port to listen on when it differs from port, the one nodes and clients reach (a published
	 * container port maps one to the other). Not set: port.
	 */
	private Integer bindPort;

	/**
	 * Name of this node in logs and the topology; host:port when not set.
	 */
	private String nodeId;

	/**
	 * Members to join through, as host:port. A node that lists itself, or none, founds a
	 * cluster.
	 */
	private List<String> seedNodes = new ArrayList<>();

	/**
	 * Where the seed nodes come from: the seed-nodes list (static), or the addresses of a DNS
	 * name (dns, see casty.node.dns.*), such as a Kubernetes headless service's.
	 */
	private Discovery discovery = Discovery.STATIC;

	/**
	 * How often the node gossips its state to another member.
	 */
	private Duration gossipInterval = ClusterSettings.DEFAULT_GOSSIP_INTERVAL;

	/**
	 * How often the node tells every other member it is alive.
	 */
	private Duration heartbeatInterval = ClusterSettings.DEFAULT_HEARTBEAT_INTERVAL;

	/**
	 * Suspicion level (phi) above which a member is unreachable.
	 */
	private double failureDetectorThreshold = ClusterSettings.DEFAULT_FAILURE_DETECTOR_THRESHOLD;

	/**
	 * Silence tolerated on top of the heartbeat interval before a member becomes suspect.
	 */
	private Duration acceptableHeartbeatPause = ClusterSettings.DEFAULT_ACCEPTABLE_HEARTBEAT_PAUSE;

	/**
	 * How long a member may stay unreachable before the leader downs it and moves its shards.
	 */
	private Duration downAfter = ClusterSettings.DEFAULT_DOWN_AFTER;

	/**
	 * What members do about those they cannot reach: keep-majority (only a node that reaches a
	 * majority of the members downs the others; the rest stop their entities until a majority is
	 * back) or auto-down (every node downs what it cannot reach: always available, but a
	 * partition can run an entity on two nodes at once).
	 */
	private SplitBrainStrategy splitBrainStrategy = ClusterSettings.DEFAULT_SPLIT_BRAIN_STRATEGY;

	/**
	 * Shards per entity type that may be moving at once to rebalance.
	 */
	private int maxSimultaneousRebalance = ClusterSettings.DEFAULT_MAX_SIMULTANEOUS_REBALANCE;

	/**
	 * How long a graceful leave (on shutdown) may take before the node stops anyway.
	 */
	private Duration leaveTimeout = ClusterSettings.DEFAULT_LEAVE_TIMEOUT;

	/**
	 * How long an entity may go without a message before it is stopped to free its memory
	 * (passivated); its next message starts it again. 0 keeps entities running.
	 */
	private Duration passivateIdleAfter = ClusteredActorSystem.Builder.DEFAULT_PASSIVATE_IDLE_AFTER;

	/**
	 * Messages that may wait for one entity; beyond it a message is dropped, counted and warned
	 * about, so that senders faster than an entity cannot exhaust the heap.
	 */
	private int entityMailboxCapacity = ClusteredActorSystem.Builder.DEFAULT_ENTITY_MAILBOX_CAPACITY;

	/**
	 * Whether an entity that a message from the network wakes runs on the network thread that
	 * read it (no thread hand-off: the fastest way) rather than on the node's thread pool. Turn
	 * it off when entity handlers block or compute for long.
	 */
	private boolean actorsOnNetworkThreads = true;

	/**
	 * How long a network thread may be busy with one task (such as an entity's handler) before
	 * a warning shows where it is stuck. 0 turns the warning off.
	 */
	private Duration blockedThreadWarning = TransportSettings.DEFAULT_BLOCKED_THREAD_WARNING;

	/**
	 * How often subscribed clients get the topology again, changed or not; keep it well below
	 * the clients' subscription timeout.
	 */
	private Duration topologyHeartbeatInterval = ClusteredActorSystem.Builder.DEFAULT_TOPOLOGY_HEARTBEAT_INTERVAL;

	/**
	 * Largest frame sent or accepted; the same on every node and client.
	 */
	private DataSize maxFrameSize = DataSize.ofBytes(TransportSettings.DEFAULT_MAX_FRAME_SIZE);

	/**
	 * Secret shared by every node and client of the cluster, at least 16 characters. Every
	 * connection proves it in its handshake (it never crosses the wire). Leave it unset for a
	 * cluster without authentication.
	 */
	private String clusterSecret;

	/**
	 * Message classes allowed on the wire (fully qualified names); clients must register the
	 * same ones.
	 */
	private List<Class<?>> messageClasses = new ArrayList<>();

	private final Ssl ssl = new Ssl();

	private final Dns dns = new Dns();

	private final Persistence persistence = new Persistence();

	public String getSystemName() {
		return this.systemName;
	}

	public void setSystemName(String systemName) {
		this.systemName = systemName;
	}

	public String getHost() {
		return this.host;
	}

	public void setHost(String host) {
		this.host = host;
	}

	public int getPort() {
		return this.port;
	}

	public void setPort(int port) {
		this.port = port;
	}

	public String getNodeId() {
		return this.nodeId;
	}

	public void setNodeId(String nodeId) {
		this.nodeId = nodeId;
	}

	public List<String> getSeedNodes() {
		return this.seedNodes;
	}

	public void setSeedNodes(List<String> seedNodes) {
		this.seedNodes = seedNodes;
	}

	public Duration getGossipInterval() {
		return this.gossipInterval;
	}

	public void setGossipInterval(Duration gossipInterval) {
		this.gossipInterval = gossipInterval;
	}

	public Duration getHeartbeatInterval() {
		return this.heartbeatInterval;
	}

	public void setHeartbeatInterval(Duration heartbeatInterval) {
		this.heartbeatInterval = heartbeatInterval;
	}

	public double getFailureDetectorThreshold() {
		return this.failureDetectorThreshold;
	}

	public void setFailureDetectorThreshold(double failureDetectorThreshold) {
		this.failureDetectorThreshold = failureDetectorThreshold;
	}

	public Duration getAcceptableHeartbeatPause() {
		return this.acceptableHeartbeatPause;
	}

	public void setAcceptableHeartbeatPause(Duration acceptableHeartbeatPause) {
		this.acceptableHeartbeatPause = acceptableHeartbeatPause;
	}

	public Duration getDownAfter() {
		return this.downAfter;
	}

	public void setDownAfter(Duration downAfter) {
		this.downAfter = downAfter;
	}

	public SplitBrainStrategy getSplitBrainStrategy() {
		return this.splitBrainStrategy;
	}

	public void setSplitBrainStrategy(SplitBrainStrategy splitBrainStrategy) {
		this.splitBrainStrategy = splitBrainStrategy;
	}

	public int getMaxSimultaneousRebalance() {
		return this.maxSimultaneousRebalance;
	}

	public void setMaxSimultaneousRebalance(int maxSimultaneousRebalance) {
		this.maxSimultaneousRebalance = maxSimultaneousRebalance;
	}

	public int getEntityMailboxCapacity() {
		return this.entityMailboxCapacity;
	}

	public void setEntityMailboxCapacity(int entityMailboxCapacity) {
		this.entityMailboxCapacity = entityMailboxCapacity;
	}

	public boolean isActorsOnNetworkThreads() {
		return this.actorsOnNetworkThreads;
	}

	public void setActorsOnNetworkThreads(boolean actorsOnNetworkThreads) {
		this.actorsOnNetworkThreads = actorsOnNetworkThreads;
	}

	public Duration getBlockedThreadWarning() {
		return this.blockedThreadWarning;
	}

	public void setBlockedThreadWarning(Duration blockedThreadWarning) {
		this.blockedThreadWarning = blockedThreadWarning;
	}

	public Duration getPassivateIdleAfter() {
		return this.passivateIdleAfter;
	}

	public void setPassivateIdleAfter(Duration passivateIdleAfter) {
		this.passivateIdleAfter = passivateIdleAfter;
	}

	public Duration getLeaveTimeout() {
		return this.leaveTimeout;
	}

	public void setLeaveTimeout(Duration leaveTimeout) {
		this.leaveTimeout = leaveTimeout;
	}

	public Duration getTopologyHeartbeatInterval() {
		return this.topologyHeartbeatInterval;
	}

	public void setTopologyHeartbeatInterval(Duration topologyHeartbeatInterval) {
		this.topologyHeartbeatInterval = topologyHeartbeatInterval;
	}

	public DataSize getMaxFrameSize() {
		return this.maxFrameSize;
	}

	public void setMaxFrameSize(DataSize maxFrameSize) {
		this.maxFrameSize = maxFrameSize;
	}

	public String getClusterSecret() {
		return this.clusterSecret;
	}

	public void setClusterSecret(String clusterSecret) {
		this.clusterSecret = clusterSecret;
	}

	public List<Class<?>> getMessageClasses() {
		return this.messageClasses;
	}

	public void setMessageClasses(List<Class<?>> messageClasses) {
		this.messageClasses = messageClasses;
	}

	public Persistence getPersistence() {
		return this.persistence;
	}

	public String getBindHost() {
		return this.bindHost;
	}

	public void setBindHost(String bindHost) {
		this.bindHost = bindHost;
	}

	public Integer getBindPort() {
		return this.bindPort;
	}

	public void setBindPort(Integer bindPort) {
		this.bindPort = bindPort;
	}

	public Discovery getDiscovery() {
		return this.discovery;
	}

	public void setDiscovery(Discovery discovery) {
		this.discovery = discovery;
	}

	public Dns getDns() {
		return this.dns;
	}

	public Ssl getSsl() {
		return this.ssl;
	}

	/**
	 * Event-sourced entities and their journal. The journal is in the application's
	 * DataSource ({@code spring.datasource.*}); the node application's default is an H2 file
	 * under {@code ./run}.
	 */
	public static class Persistence {

		/**
		 * Events between two snapshots of an entity's state; a recovery replays at most this
		 * many. 0 for no snapshots.
		 */
		private int snapshotEvery = io.casty.persistence.Persistence.DEFAULT_SNAPSHOT_EVERY;

		/**
		 * How long an entity may take to read its state back; the commands waiting for it fail
		 * after that.
		 */
		private Duration recoveryTimeout = io.casty.persistence.Persistence.DEFAULT_RECOVERY_TIMEOUT;

		/**
		 * How long the journal may take to confirm an append before the command fails.
		 */
		private Duration appendTimeout = io.casty.persistence.Persistence.DEFAULT_APPEND_TIMEOUT;

		/**
		 * Commands that may wait, per entity, for its recovery or its append.
		 */
		private int stashCapacity = io.casty.persistence.Persistence.DEFAULT_STASH_CAPACITY;

		/**
		 * Events one group commit writes at most.
		 */
		private int maxBatchEvents = JdbcJournal.DEFAULT_MAX_BATCH_EVENTS;

		/**
		 * Threads for recoveries and snapshots: how many entities recover at once.
		 */
		private int readThreads = JdbcJournal.DEFAULT_READ_THREADS;

		/**
		 * How often the journal checks its database between operations, so that a lost
		 * connection is replaced (and H2's automatic server mode has taken the file over from a
		 * crashed node) before a command needs it; 0 turns the check off.
		 */
		private Duration keepAliveInterval = JdbcJournal.DEFAULT_KEEP_ALIVE_INTERVAL;

		/**
		 * First delay before an entity recovers again after a journal failure; it doubles with
		 * each failure in a row, up to max-backoff.
		 */
		private Duration minBackoff = io.casty.persistence.Persistence.DEFAULT_MIN_BACKOFF;

		/**
		 * Longest delay before an entity recovers again after journal failures.
		 */
		private Duration maxBackoff = io.casty.persistence.Persistence.DEFAULT_MAX_BACKOFF;

		/**
		 * Event and state classes that were renamed while the journal holds values written
		 * under their former names: former fully qualified name to the class now (which must be
		 * in message-classes). In YAML, bracket the former name: "[com.example.OldName]".
		 */
		private Map<String, Class<?>> formerClassNames = new LinkedHashMap<>();

		public Map<String, Class<?>> getFormerClassNames() {
			return this.formerClassNames;
		}

		public void setFormerClassNames(Map<String, Class<?>> formerClassNames) {
			this.formerClassNames = formerClassNames;
		}

		public int getSnapshotEvery() {
			return this.snapshotEvery;
		}

		public void setSnapshotEvery(int snapshotEvery) {
			this.snapshotEvery = snapshotEvery;
		}

		public Duration getRecoveryTimeout() {
			return this.recoveryTimeout;
		}

		public void setRecoveryTimeout(Duration recoveryTimeout) {
			this.recoveryTimeout = recoveryTimeout;
		}

		public Duration getAppendTimeout() {
			return this.appendTimeout;
		}

		public void setAppendTimeout(Duration appendTimeout) {
			this.appendTimeout = appendTimeout;
		}

		public int getStashCapacity() {
			return this.stashCapacity;
		}

		public void setStashCapacity(int stashCapacity) {
			this.stashCapacity = stashCapacity;
		}

		public int getMaxBatchEvents() {
			return this.maxBatchEvents;
		}

		public void setMaxBatchEvents(int maxBatchEvents) {
			this.maxBatchEvents = maxBatchEvents;
		}

		public int getReadThreads() {
			return this.readThreads;
		}

		public void setReadThreads(int readThreads) {
			this.readThreads = readThreads;
		}

		public Duration getKeepAliveInterval() {
			return this.keepAliveInterval;
		}

		public void setKeepAliveInterval(Duration keepAliveInterval) {
			this.keepAliveInterval = keepAliveInterval;
		}

		public Duration getMinBackoff() {
			return this.minBackoff;
		}

		public void setMinBackoff(Duration minBackoff) {
			this.minBackoff = minBackoff;
		}

		public Duration getMaxBackoff() {
			return this.maxBackoff;
		}

		public void setMaxBackoff(Duration maxBackoff) {
			this.maxBackoff = maxBackoff;
		}

	}

	/**
	 * TLS for the node's connections.
	 */
	public static class Ssl {

		/**
		 * Name of the SSL bundle (spring.ssl.bundle.*) holding this node's certificate and
		 * private key, presented to clients and to other nodes, and the trust material that
		 * verifies other nodes' certificates; unset for plaintext connections. Clients may
		 * connect without a certificate; host names are verified.
		 */
		private String bundle;

		public String getBundle() {
			return this.bundle;
		}

		public void setBundle(String bundle) {
			this.bundle = bundle;
		}

	}

	/**
	 * Where the seed nodes come from.
	 */
	public enum Discovery {

		/** casty.node.seed-nodes. */
		STATIC,

		/** The addresses of casty.node.dns.name, each with casty.node.port. */
		DNS

	}

	/**
	 * Seed nodes from DNS (casty.node.discovery=dns): the A records of one name, each with this
	 * node's port, looked up until there are enough of them.
	 */
	public static class Dns {

		/**
		 * DNS name whose addresses are the nodes', such as a Kubernetes headless service's
		 * (casty-node.shop.svc.cluster.local).
		 */
		private String name;

		/**
		 * DNS server to ask, as host:port; the system's resolvers when not set.
		 */
		private String server;

		/**
		 * How many addresses the name must have before they are the seeds: the number of
		 * nodes started together (a StatefulSet's replicas), so that none founds a cluster of
		 * its own before it sees the others.
		 */
		private int requiredAddresses = 1;

		/**
		 * How long to wait for the required addresses before startup fails.
		 */
		private Duration timeout = DnsSeedDiscovery.DEFAULT_TIMEOUT;

		/**
		 * Pause between two lookups while too few addresses are found.
		 */
		private Duration retryInterval = DnsSeedDiscovery.DEFAULT_RETRY_INTERVAL;

		public String getName() {
			return this.name;
		}

		public void setName(String name) {
			this.name = name;
		}

		public String getServer() {
			return this.server;
		}

		public void setServer(String server) {
			this.server = server;
		}

		public int getRequiredAddresses() {
			return this.requiredAddresses;
		}

		public void setRequiredAddresses(int requiredAddresses) {
			this.requiredAddresses = requiredAddresses;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

		public Duration getRetryInterval() {
			return this.retryInterval;
		}

		public void setRetryInterval(Duration retryInterval) {
			this.retryInterval = retryInterval;
		}

	}

}
