package io.casty.remote;

import io.casty.Settings;
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

	/** Network threads: one per core, at most four. */
	public static final int DEFAULT_IO_THREADS = Math.min(4, Runtime.getRuntime().availableProcessors());

	private static final TransportSettings DEFAULTS = builder().build();

	private final int maxFrameSize;

	private final Duration handshakeTimeout;

	private final Duration connectTimeout;

	private final int ioThreads;

	private TransportSettings(Builder builder) {
		this.maxFrameSize = builder.maxFrameSize;
		this.handshakeTimeout = builder.handshakeTimeout;
		this.connectTimeout = builder.connectTimeout;
		this.ioThreads = builder.ioThreads;
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

	/** Builds {@link TransportSettings}; every setter rejects values that cannot work. */
	public static final class Builder {

		private int maxFrameSize = DEFAULT_MAX_FRAME_SIZE;

		private Duration handshakeTimeout = DEFAULT_HANDSHAKE_TIMEOUT;

		private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;

		private int ioThreads = DEFAULT_IO_THREADS;

		private Builder() {
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
