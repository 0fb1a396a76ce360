package io.casty.spring.autoconfigure;

import io.casty.client.ClusterClient;
import io.casty.remote.TransportSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration properties of the Casty {@link ClusterClient} ({@code casty.client.*}).
 *
 * <p>Every default is the client's own {@code DEFAULT_*} constant, so the two never drift apart.
 */
@ConfigurationProperties("casty.client")
public class CastyClientProperties {

	/**
	 * Name of the cluster's actor system; must match the nodes' system name.
	 */
	private String systemName;

	/**
	 * Cluster nodes to subscribe to the topology at, as host:port, tried in order. Nodes learned
	 * from the topology are tried too.
	 */
	private List<String> contactPoints = new ArrayList<>();

	/**
	 * How long opening a TCP connection to a node may take.
	 */
	private Duration connectTimeout = TransportSettings.DEFAULT_CONNECT_TIMEOUT;

	/**
	 * How long a new connection may take to complete the handshake.
	 */
	private Duration handshakeTimeout = TransportSettings.DEFAULT_HANDSHAKE_TIMEOUT;

	/**
	 * How long an ask waits for its reply when no timeout is given.
	 */
	private Duration askTimeout = ClusterClient.Builder.DEFAULT_ASK_TIMEOUT;

	/**
	 * How long a thread blocked on an ask's reply (get or join) spins for it before it parks,
	 * up to 1ms; 0 parks at once. Trades a core per spinning caller (at most half the cores
	 * spin at once) for a faster wake-up.
	 */
	private Duration askBusyWait = ClusterClient.Builder.DEFAULT_ASK_BUSY_WAIT;

	/**
	 * How long the subscription may go without a topology push before the contact point is
	 * considered lost. Also the age beyond which the health indicator reports the topology as
	 * stale.
	 */
	private Duration subscriptionTimeout = ClusterClient.Builder.DEFAULT_SUBSCRIPTION_TIMEOUT;

	/**
	 * How many messages may wait for their shard's owner to be known.
	 */
	private int bufferSize = ClusterClient.Builder.DEFAULT_BUFFER_SIZE;

	/**
	 * How many asks may wait for their replies at once, so that a client whose cluster stalls
	 * cannot pile up pending asks and their memory without bound. An ask beyond the limit is
	 * not sent: its future fails at once with AskLimitExceededException.
	 */
	private int maxInFlightAsks = ClusterClient.Builder.DEFAULT_MAX_IN_FLIGHT_ASKS;

	/**
	 * Largest frame sent or accepted; must match the nodes'.
	 */
	private DataSize maxFrameSize = DataSize.ofBytes(TransportSettings.DEFAULT_MAX_FRAME_SIZE);

	/**
	 * Secret shared by every node and client of the cluster, at least 16 characters. The client
	 * proves it in every handshake (it never crosses the wire) and talks only to nodes that
	 * prove it back. Leave it unset for a cluster without authentication.
	 */
	private String clusterSecret;

	/**
	 * Message classes allowed on the wire (fully qualified names); the nodes must register the
	 * same ones. The records a sealed entities.*.message-type permits are added by themselves;
	 * list replies, field types and the classes of open message types here.
	 */
	private List<Class<?>> messageClasses = new ArrayList<>();

	/**
	 * Entity types to expose as EntityRef beans, by shard type; each becomes a bean named after
	 * its shard type.
	 */
	private Map<String, Entity> entities = new LinkedHashMap<>();

	private final ReconnectBackoff reconnectBackoff = new ReconnectBackoff();

	private final Startup startup = new Startup();

	private final Ssl ssl = new Ssl();

	public String getSystemName() {
		return this.systemName;
	}

	public void setSystemName(String systemName) {
		this.systemName = systemName;
	}

	public String getClusterSecret() {
		return this.clusterSecret;
	}

	public void setClusterSecret(String clusterSecret) {
		this.clusterSecret = clusterSecret;
	}

	public List<String> getContactPoints() {
		return this.contactPoints;
	}

	public void setContactPoints(List<String> contactPoints) {
		this.contactPoints = contactPoints;
	}

	public Duration getConnectTimeout() {
		return this.connectTimeout;
	}

	public void setConnectTimeout(Duration connectTimeout) {
		this.connectTimeout = connectTimeout;
	}

	public Duration getHandshakeTimeout() {
		return this.handshakeTimeout;
	}

	public void setHandshakeTimeout(Duration handshakeTimeout) {
		this.handshakeTimeout = handshakeTimeout;
	}

	public Duration getAskTimeout() {
		return this.askTimeout;
	}

	public void setAskTimeout(Duration askTimeout) {
		this.askTimeout = askTimeout;
	}

	public Duration getAskBusyWait() {
		return this.askBusyWait;
	}

	public void setAskBusyWait(Duration askBusyWait) {
		this.askBusyWait = askBusyWait;
	}

	public Duration getSubscriptionTimeout() {
		return this.subscriptionTimeout;
	}

	public void setSubscriptionTimeout(Duration subscriptionTimeout) {
		this.subscriptionTimeout = subscriptionTimeout;
	}

	public int getBufferSize() {
		return this.bufferSize;
	}

	public void setBufferSize(int bufferSize) {
		this.bufferSize = bufferSize;
	}

	public int getMaxInFlightAsks() {
		return this.maxInFlightAsks;
	}

	public void setMaxInFlightAsks(int maxInFlightAsks) {
		this.maxInFlightAsks = maxInFlightAsks;
	}

	public DataSize getMaxFrameSize() {
		return this.maxFrameSize;
	}

	public void setMaxFrameSize(DataSize maxFrameSize) {
		this.maxFrameSize = maxFrameSize;
	}

	public List<Class<?>> getMessageClasses() {
		return this.messageClasses;
	}

	public void setMessageClasses(List<Class<?>> messageClasses) {
		this.messageClasses = messageClasses;
	}

	public Map<String, Entity> getEntities() {
		return this.entities;
	}

	public void setEntities(Map<String, Entity> entities) {
		this.entities = entities;
	}

	public ReconnectBackoff getReconnectBackoff() {
		return this.reconnectBackoff;
	}

	public Ssl getSsl() {
		return this.ssl;
	}

	public Startup getStartup() {
		return this.startup;
	}

	/**
	 * How long the client waits between attempts to reach the cluster: exponential, with
	 * jitter, from {@code min} up to {@code max}.
	 */
	public static class ReconnectBackoff {

		/**
		 * First wait before reconnecting after a failure.
		 */
		private Duration min = ClusterClient.Builder.DEFAULT_RECONNECT_BACKOFF_MIN;

		/**
		 * Longest wait between reconnection attempts.
		 */
		private Duration max = ClusterClient.Builder.DEFAULT_RECONNECT_BACKOFF_MAX;

		public Duration getMin() {
			return this.min;
		}

		public void setMin(Duration min) {
			this.min = min;
		}

		public Duration getMax() {
			return this.max;
		}

		public void setMax(Duration max) {
			this.max = max;
		}

	}

	/**
	 * TLS to the nodes.
	 */
	public static class Ssl {

		/**
		 * Name of the SSL bundle (spring.ssl.bundle.*) whose trust material verifies the nodes'
		 * certificates; unset for plaintext connections. Host names are verified.
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
	 * What the application does at startup while the cluster cannot be reached.
	 */
	public static class Startup {

		/**
		 * Whether to wait for the cluster at startup (fail-fast) or to start anyway and connect
		 * in the background.
		 */
		private Mode mode = Mode.BACKGROUND;

		/**
		 * How long fail-fast startup waits for the first topology before failing.
		 */
		private Duration timeout = Duration.ofSeconds(10);

		public Mode getMode() {
			return this.mode;
		}

		public void setMode(Mode mode) {
			this.mode = mode;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

		/**
		 * Startup modes.
		 */
		public enum Mode {

			/**
			 * Wait for the first topology within the startup timeout; fail startup when it does
			 * not arrive.
			 */
			FAIL_FAST,

			/**
			 * Start at once and connect in the background; messages wait in the buffer until
			 * the cluster is reached.
			 */
			BACKGROUND

		}

	}

	/**
	 * One entity type (shard type) of the cluster.
	 */
	public static class Entity {

		/**
		 * Number of shards of the entity type; must match the cluster's.
		 */
		private Integer numShards;

		/**
		 * The entity type's message type; makes the EntityRef bean injectable by its generic
		 * type, such as EntityRef&lt;LoyaltyCommand&gt; (only by exactly that type). A sealed
		 * type's permitted records are allowed on the wire without listing them in
		 * message-classes.
		 */
		private Class<?> messageType;

		public Integer getNumShards() {
			return this.numShards;
		}

		public void setNumShards(Integer numShards) {
			this.numShards = numShards;
		}

		public Class<?> getMessageType() {
			return this.messageType;
		}

		public void setMessageType(Class<?> messageType) {
			this.messageType = messageType;
		}

	}

}
