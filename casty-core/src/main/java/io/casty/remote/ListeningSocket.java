package io.casty.remote;

import io.casty.CastyException;
import io.casty.actor.NodeAddress;
import io.casty.logging.RateLimitedWarnings;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The socket a node listens on for nodes and clients. It keeps at most
 * {@code maxConnections} accepted connections open: one beyond is closed at once, before any of
 * its bytes are read, with a rate-limited warning.
 */
final class ListeningSocket {

	// Under the transport's name, where operators look for its connection events.
	private static final Logger logger = LoggerFactory.getLogger(NettyTransport.class);

	private final EventLoopGroup group;

	private final IoTransport io;

	private final TransportSettings settings;

	private final TransportPipelines pipelines;

	private final RateLimitedWarnings connectionWarnings;

	private final AtomicInteger acceptedConnections = new AtomicInteger();

	private volatile Channel channel;

	ListeningSocket(EventLoopGroup group, IoTransport io, TransportSettings settings, TransportPipelines pipelines,
			RateLimitedWarnings connectionWarnings) {
		this.group = group;
		this.io = io;
		this.settings = settings;
		this.pipelines = pipelines;
		this.connectionWarnings = connectionWarnings;
	}

	/**
	 * Listens on {@code host:port} for {@code self}, which peers know by its own address.
	 *
	 * @return the local address bound
	 * @throws CastyException when the port cannot be bound, naming it and the reason
	 */
	InetSocketAddress bind(NodeAddress self, String host, int port) {
		if (!self.isListening()) {
			throw new IllegalStateException("a system without a port (" + self + ") cannot listen");
		}
		ServerBootstrap bootstrap = new ServerBootstrap().group(group)
			.channel(io.serverChannel())
			.childOption(ChannelOption.TCP_NODELAY, true)
			.childHandler(new ChannelInitializer<SocketChannel>() {
				@Override
				protected void initChannel(SocketChannel accepted) {
					if (admit(accepted)) {
						pipelines.initAccepted(accepted);
					}
				}
			});
		String listening = host + ":" + port;
		ChannelFuture bound = bootstrap.bind(host, port).awaitUninterruptibly();
		if (!bound.isSuccess()) {
			throw new CastyException("Could not listen on " + listening + ": " + bound.cause().getMessage(),
					bound.cause());
		}
		channel = bound.channel();
		logger.info("Listening on {} as {} ({})", listening, self, io);
		return (InetSocketAddress) channel.localAddress();
	}

	/** The address listened on, once bound. */
	Optional<InetSocketAddress> address() {
		Channel current = channel;
		return current == null ? Optional.empty() : Optional.of((InetSocketAddress) current.localAddress());
	}

	/** Stops listening; the connections already accepted stay open. */
	void close() {
		Channel current = channel;
		if (current != null) {
			current.close().awaitUninterruptibly();
		}
	}

	/** Counts accepted connections and closes the ones beyond the maximum. */
	private boolean admit(SocketChannel accepted) {
		if (acceptedConnections.incrementAndGet() > settings.maxConnections()) {
			acceptedConnections.decrementAndGet();
			connectionWarnings.warn(logger, "Refused connection from {}: {} connections are open, the maximum (max-connections)",
					accepted.remoteAddress(), settings.maxConnections());
			accepted.close();
			return false;
		}
		accepted.closeFuture().addListener(closed -> acceptedConnections.decrementAndGet());
		return true;
	}
}
