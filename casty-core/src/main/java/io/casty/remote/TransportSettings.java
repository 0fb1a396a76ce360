package io.casty.remote;

import io.casty.Settings;
import io.netty.handler.ssl.SslContext;
import java.time.Duration;

/**
 * Limits and timeouts of a transport; immutable. Start from {@link #defaults()} or
 * {@link #builder()}, whose values are the {@code DEFAULT_*} constants.
 */
public final class TransportSettings {

	/**
	 * Largest frame accepted or sent, in bytes, counting the type byte and the body but not the
	 * four-byte length field: the largest value the length field may hold.
	 */
	public static final int DEFAULT_MAX_FRAME_SIZE = 1024 * 1024;

	/** How long a new connection may take to complete the handshake. */
	public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);

	/** How long opening a TCP connection may take. */
	public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);

	/** Connections a node accepts at once; more are refused with a log line. */
	public static final int DEFAULT_MAX_CONNECTIONS = 1024;

	/**
	 * How long a connection may receive nothing before it is closed. Both sides send a ping
	 * after a third of it without traffic, so only a dead or stuck peer reaches it.
	 */
	public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);

	/**
	 * Bytes that may wait to be written to one peer; a peer that reads slower than it is sent
	 * to is disconnected past this, rather than growing the sender's memory without bound.
	 */
	public static final int DEFAULT_MAX_PENDING_WRITE_BYTES = 64 * 1024 * 1024;

	/**
	 * How long a network thread may be busy with one task before a warning shows where it is
	 * stuck (its connections are neither read nor written meanwhile); see
	 * {@link Builder#blockedThreadWarning}.
	 */
	public static final Duration DEFAULT_BLOCKED_THREAD_WARNING = Duration.ofSeconds(2);

	/** Network threads: one per core, at most four. */
	public static final int DEFAULT_IO_THREADS = Math.min(4, Runtime.getRuntime().availableProcessors());

	private static final TransportSettings DEFAULTS = builder().build();

	private final int maxFrameSize;

	private final Duration handshakeTimeout;

	private final Duration connectTimeout;

	private final int ioThreads;

	private final int maxConnections;

	private final Duration idleTimeout;

	private final int maxPendingWriteBytes;

	private final Duration blockedThreadWarning;

	private final ClusterSecret clusterSecret;

	private final SslContext serverTls;

	private final SslContext clientTls;

	private TransportSettings(Builder builder) {
		this.maxFrameSize = builder.maxFrameSize;
		this.handshakeTimeout = builder.handshakeTimeout;
		this.connectTimeout = builder.connectTimeout;
		this.ioThreads = builder.ioThreads;
		this.maxConnections = builder.maxConnections;
		this.idleTimeout = builder.idleTimeout;
		this.maxPendingWriteBytes = builder.maxPendingWriteBytes;
		this.blockedThreadWarning = builder.blockedThreadWarning;
		this.clusterSecret = builder.clusterSecret;
		this.serverTls = builder.serverTls;
		this.clientTls = builder.clientTls;
	}

	public static TransportSettings defaults() {
		return DEFAULTS;
	}

	public static Builder builder() {
		return new Builder();
	}

	public int maxFrameSize() {
		return maxFrameSize;
	}

	public Duration handshakeTimeout() {
		return handshakeTimeout;
	}

	public Duration connectTimeout() {
		return connectTimeout;
	}

	public int ioThreads() {
		return ioThreads;
	}

	public int maxConnections() {
		return maxConnections;
	}

	public Duration idleTimeout() {
		return idleTimeout;
	}

	public int maxPendingWriteBytes() {
		return maxPendingWriteBytes;
	}

	/** {@link Duration#ZERO} when no warning is wanted. */
	public Duration blockedThreadWarning() {
		return blockedThreadWarning;
	}

	/** Whether peers must prove the cluster secret in the handshake. */
	public boolean requiresAuthentication() {
		return clusterSecret != null;
	}

	ClusterSecret clusterSecret() {
		return clusterSecret;
	}

	/** TLS for accepted connections, or {@code null} for plaintext. */
	public SslContext serverTls() {
		return serverTls;
	}

	/** TLS for connections this side opens, or {@code null} for plaintext. */
	public SslContext clientTls() {
		return clientTls;
	}

	/** Builds {@link TransportSettings}; every setter rejects values that cannot work. */
	public static final class Builder {

		private int maxFrameSize = DEFAULT_MAX_FRAME_SIZE;

		private Duration handshakeTimeout = DEFAULT_HANDSHAKE_TIMEOUT;

		private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;

		private int ioThreads = DEFAULT_IO_THREADS;

		private int maxConnections = DEFAULT_MAX_CONNECTIONS;

		private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;

		private int maxPendingWriteBytes = DEFAULT_MAX_PENDING_WRITE_BYTES;

		private Duration blockedThreadWarning = DEFAULT_BLOCKED_THREAD_WARNING;

		private ClusterSecret clusterSecret;

		private SslContext serverTls;

		private SslContext clientTls;

		private Builder() {
		}

		/**
		 * TLS for the connections a node accepts. Build it with Netty's
		 * {@code SslContextBuilder.forServer(...)}; with {@code clientAuth(ClientAuth.OPTIONAL)}
		 * and a trust manager, nodes that dial in must present a trusted certificate (mutual TLS)
		 * while clients may connect without one.
		 */
		public Builder serverTls(SslContext context) {
			if (context != null && !context.isServer()) {
				throw new IllegalArgumentException("serverTls : a client context (expected: SslContextBuilder.forServer)");
			}
			this.serverTls = context;
			return this;
		}

		/**
		 * TLS for the connections this side opens. Build it with Netty's
		 * {@code SslContextBuilder.forClient()}: a trust manager for the nodes' certificates, and
		 * on nodes a key manager too, so other nodes accept it (mutual TLS). A node's certificate
		 * must name the host dialled: Netty verifies host names by default, and only a context
		 * built with {@code endpointIdentificationAlgorithm(null)} skips it.
		 */
		public Builder clientTls(SslContext context) {
			if (context != null && !context.isClient()) {
				throw new IllegalArgumentException("clientTls : a server context (expected: SslContextBuilder.forClient)");
			}
			this.clientTls = context;
			return this;
		}

		/**
		 * How long a network thread may be busy with one task before a warning (with the
		 * thread's stack) says so, and another when it runs tasks again. Checked from the
		 * scheduler thread a few times per period, at no cost to messages. {@link Duration#ZERO}
		 * turns the warning off. See {@link #DEFAULT_BLOCKED_THREAD_WARNING}.
		 */
		public Builder blockedThreadWarning(Duration threshold) {
			this.blockedThreadWarning = Settings.zeroOrPositive(threshold, "blockedThreadWarning");
			return this;
		}

		/** See {@link #DEFAULT_MAX_CONNECTIONS}. */
		public Builder maxConnections(int connections) {
			if (connections < 1) {
				throw new IllegalArgumentException("maxConnections : " + connections + " (expected: > 0)");
			}
			this.maxConnections = connections;
			return this;
		}

		/** See {@link #DEFAULT_IDLE_TIMEOUT}. */
		public Builder idleTimeout(Duration timeout) {
			this.idleTimeout = Settings.positive(timeout, "idleTimeout");
			return this;
		}

		/** See {@link #DEFAULT_MAX_PENDING_WRITE_BYTES}. */
		public Builder maxPendingWriteBytes(int bytes) {
			if (bytes < 64 * 1024) {
				throw new IllegalArgumentException("maxPendingWriteBytes : " + bytes + " (expected: >= 65536)");
			}
			this.maxPendingWriteBytes = bytes;
			return this;
		}

		/**
		 * The secret every node and client of the cluster shares, at least 16 characters. With
		 * it, a node accepts only peers that prove it in the handshake, and a client or node
		 * accepts only nodes that prove it back; the secret never crosses the wire. Without it
		 * (the default), connections are not authenticated.
		 */
		public Builder clusterSecret(String secret) {
			this.clusterSecret = ClusterSecret.of(secret);
			return this;
		}

		/** See {@link #DEFAULT_MAX_FRAME_SIZE}; at least 1024 bytes. */
		public Builder maxFrameSize(int bytes) {
			if (bytes < 1024) {
				throw new IllegalArgumentException("maxFrameSize : " + bytes + " (expected: >= 1024)");
			}
			this.maxFrameSize = bytes;
			return this;
		}

		/** See {@link #DEFAULT_HANDSHAKE_TIMEOUT}. */
		public Builder handshakeTimeout(Duration timeout) {
			this.handshakeTimeout = Settings.positive(timeout, "handshakeTimeout");
			return this;
		}

		/** See {@link #DEFAULT_CONNECT_TIMEOUT}. */
		public Builder connectTimeout(Duration timeout) {
			this.connectTimeout = Settings.positive(timeout, "connectTimeout");
			return this;
		}

		/** See {@link #DEFAULT_IO_THREADS}. */
		public Builder ioThreads(int threads) {
			if (threads < 1) {
				throw new IllegalArgumentException("ioThreads : " + threads + " (expected: > 0)");
			}
			this.ioThreads = threads;
			return this;
		}

		public TransportSettings build() {
			return new TransportSettings(this);
		}
	}
}
