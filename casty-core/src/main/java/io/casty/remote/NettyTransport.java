package io.casty.remote;

import io.casty.CastyException;
import io.casty.actor.ActorAddress;
import io.casty.actor.ActorSystem;
import io.casty.actor.NodeAddress;
import io.casty.logging.RateLimitedWarnings;
import io.casty.remote.MessageCodec.InboundMessage;
import io.casty.serialization.MessageRegistry;
import io.casty.serialization.Serialization;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries an {@link ActorSystem}'s messages over TCP: one long-lived connection per peer,
 * length-prefixed frames, a handshake on every connection, and batched writes.
 *
 * <p>A node {@link #bind binds} a port and accepts nodes and clients on it; a client only
 * {@link #connect connects}. Messages to a client travel over the connection the client
 * opened, found by the address it declared in its handshake. Attaching a transport to a
 * system makes refs to other systems' actors remote refs that send through it.
 */
public final class NettyTransport implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(NettyTransport.class);

	private final ActorSystem system;

	private final TransportSettings settings;

	private final MessageCodec codec;

	private final AtomicInteger acceptedConnections = new AtomicInteger();

	private final RateLimitedWarnings connectionWarnings = new RateLimitedWarnings("refused or failed connections");

	private final IoTransport io = IoTransport.available();

	private final EventLoopGroup group;

	private final TransportListeners listeners = new TransportListeners();

	private final Associations associations;

	private final UnconnectedClients unconnectedClients;

	/** Watches the network threads for stalls; null when the warning is turned off. */
	private final ScheduledFuture<?> watchdog;

	private volatile Channel serverChannel;

	private final OutboundSource outboundSource = new OutboundSource();

	private volatile boolean closed;

	public NettyTransport(ActorSystem system, MessageRegistry registry, TransportSettings settings) {
		this.system = Objects.requireNonNull(system, "system");
		this.settings = Objects.requireNonNull(settings, "settings");
		this.codec = new MessageCodec(new Serialization(registry, system::resolve), settings.maxFrameSize());
		this.group = new MultiThreadIoEventLoopGroup(settings.ioThreads(),
				new DefaultThreadFactory("casty-" + system.name() + "-io", true), io.newHandlerFactory());
		this.watchdog = watch(group, system, settings.blockedThreadWarning());
		this.associations = new Associations(settings, listeners);
		this.unconnectedClients = new UnconnectedClients(group, associations);
		system.attachRemoting(address -> new RemoteActorRef<>(address, this));
	}

	private static ScheduledFuture<?> watch(EventLoopGroup group, ActorSystem system, Duration threshold) {
		if (threshold.isZero()) {
			return null;
		}
		NetworkThreadWatchdog watchdog = new NetworkThreadWatchdog(group, threshold);
		return system.runEvery(NetworkThreadWatchdog.checkInterval(threshold), watchdog::check);
	}

	/**
	 * From now on, an actor of the system that a message wakes on a network thread runs on that
	 * thread rather than on the system's pool ({@link ActorSystem#runActorsWokenHere}). Call it
	 * before the first connection.
	 */
	public void runActorsOnNetworkThreads() {
		for (EventExecutor networkThread : group) {
			networkThread.execute(() -> system.runActorsWokenHere(networkThread));
		}
	}

	/** This side's address, as declared in handshakes. */
	public NodeAddress address() {
		return system.address();
	}

	public TransportSettings settings() {
		return settings;
	}

	/** Registers a listener for connections coming and going. */
	public void addListener(TransportListener listener) {
		listeners.add(listener);
	}

	/**
	 * Listens on the system's {@code host:port} for nodes and clients.
	 *
	 * @throws CastyException when the port cannot be bound, naming it and the reason
	 */
	public void bind() {
		NodeAddress self = address();
		if (!self.isListening()) {
			throw new IllegalStateException("a system without a port (" + self + ") cannot listen");
		}
		ServerBootstrap bootstrap = new ServerBootstrap().group(group)
			.channel(io.serverChannel())
			.childOption(ChannelOption.TCP_NODELAY, true)
			.childHandler(new ChannelInitializer<SocketChannel>() {
				@Override
				protected void initChannel(SocketChannel channel) {
					if (admit(channel)) {
						initServerChannel(channel);
					}
				}
			});
		ChannelFuture bound = bootstrap.bind(self.host(), self.port()).awaitUninterruptibly();
		if (!bound.isSuccess()) {
			throw new CastyException("Could not listen on " + self.hostPort() + ": " + bound.cause().getMessage(),
					bound.cause());
		}
		serverChannel = bound.channel();
		outboundSource.listeningOn(((InetSocketAddress) serverChannel.localAddress()).getAddress());
		logger.info("Listening on {} as {} ({})", self.hostPort(), self, io);
	}

	/** The socket this transport listens on, if it does. */
	public Optional<InetSocketAddress> boundAddress() {
		Channel server = serverChannel;
		return server == null ? Optional.empty() : Optional.of((InetSocketAddress) server.localAddress());
	}

	/**
	 * Opens (or reuses) the connection to a node. The future completes when the handshake
	 * succeeded, or fails with the reason it did not ({@link HandshakeException} for a refusal).
	 */
	public CompletableFuture<Void> connect(NodeAddress peer) {
		Association association = association(peer);
		if (association == null) {
			return CompletableFuture.failedFuture(new CastyException("No connection to " + peer
					+ ", and it does not listen (a client is reachable only over the connection it opened)"));
		}
		return association.established().thenApply(established -> null);
	}

	/** How many peers this transport has an open, handshaken connection with. */
	public int connectedPeers() {
		return associations.establishedCount();
	}

	/** Whether a connection to the peer has completed its handshake and is open. */
	public boolean isConnected(NodeAddress peer) {
		return associations.established(peer) != null;
	}

	/**
	 * Encodes a message for a remote actor and queues it on the peer's connection, opening one
	 * when needed. Encoding happens here, so a message that cannot be sent fails in the caller.
	 *
	 * @throws io.casty.serialization.SerializationException when the message cannot be encoded
	 */
	public void send(ActorAddress recipient, Object message) {
		send(recipient.node(), encode(recipient.path(), message));
	}

	/**
	 * Encodes a message for the actor at {@code recipientPath} on whichever peer it is later
	 * sent to; lets a caller check that a message can be sent before it knows where to.
	 *
	 * @throws io.casty.serialization.SerializationException when the message cannot be encoded
	 */
	public EncodedMessage encode(String recipientPath, Object message) {
		return new EncodedMessage(codec.encode(recipientPath, message), message.getClass());
	}

	/**
	 * Queues an encoded message on the peer's connection, opening one when needed; for a client,
	 * which cannot be dialled, holding it until the client connects (at most
	 * {@link UnconnectedClients#CONNECT_WAIT}).
	 *
	 * @return the connection it was queued on; a closed one when it was dropped at once (this
	 *     transport is closed or closing)
	 */
	public Connection send(NodeAddress peer, EncodedMessage message) {
		if (closed) {
			logger.debug("Dropping {} to {}: transport closed", message.type().getName(), peer);
			return new NoConnection(peer);
		}
		Association association = association(peer);
		if (association == null) {
			association = associations.liveOrNew(peer, unconnectedClients::hold);
		}
		association.send(message.frame());
		return association;
	}

	/**
	 * Queues an encoded message on the peer's connection only if that connection is open and
	 * handshaken; never opens one. For a sender that would rather keep a message than see it
	 * queued on a connection that may never open: checking {@link #isConnected} first and then
	 * calling {@link #send(NodeAddress, EncodedMessage)} leaves a gap in which the connection can
	 * close, and {@code send} would then queue the message on a new one.
	 *
	 * @return the connection it was queued on, or null when none was open (nothing was queued)
	 */
	public Connection sendIfConnected(NodeAddress peer, EncodedMessage message) {
		Association association = associations.established(peer);
		if (association == null || closed) {
			return null;
		}
		association.send(message.frame());
		return association;
	}

	/** Where a message dropped before it reached any connection went. */
	private record NoConnection(NodeAddress peer) implements Connection {

		@Override
		public boolean isClosed() {
			return true;
		}

		@Override
		public boolean wasEstablished() {
			return false;
		}
	}

	/** Closes the connection to a peer, if any; its queued messages are dropped. */
	public void disconnect(NodeAddress peer) {
		associations.disconnect(peer);
	}

	/** The peer's live association, else a new one dialled to it; null for a peer that cannot be dialled. */
	private Association association(NodeAddress peer) {
		Association live = associations.live(peer);
		if (live != null) {
			return live;
		}
		if (!peer.isListening() || closed) {
			return null;
		}
		return associations.liveOrNew(peer, this::open);
	}

	private void open(Association association) {
		NodeAddress peer = association.peer();
		Bootstrap bootstrap = new Bootstrap().group(group)
			.channel(io.channel())
			.option(ChannelOption.TCP_NODELAY, true)
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) settings.connectTimeout().toMillis())
			.handler(new ChannelInitializer<SocketChannel>() {
				@Override
				protected void initChannel(SocketChannel channel) {
					initClientChannel(channel, association);
				}
			});
		InetAddress source = outboundSource.forPeer(peer);
		if (source != null) {
			bootstrap.localAddress(source, 0);
		}
		bootstrap.connect(peer.host(), peer.port())
			.addListener((ChannelFuture connected) -> {
				if (connected.cause() instanceof UnknownHostException unknown) {
					// The JDK's message is the bare host name, which says neither what failed nor where.
					associations.failed(association, new CastyException("unknown host: the host name '" + peer.host()
							+ "' of " + peer.hostPort() + " could not be resolved", unknown));
				}
				else if (!connected.isSuccess()) {
					associations.failed(association, connected.cause());
				}
			});
	}

	/** The pipeline of an accepted connection: framing, keep-alive, then the node's side of the handshake. */
	void initServerChannel(Channel channel) {
		if (settings.serverTls() != null) {
			channel.pipeline().addLast("tls", settings.serverTls().newHandler(channel.alloc()));
		}
		addFraming(channel.pipeline()).addLast("handshake", new ServerHandshakeHandler(this));
	}

	private void initClientChannel(Channel channel, Association association) {
		NodeAddress peer = association.peer();
		if (settings.clientTls() != null) {
			// With the peer's host, so the context's host name verification (on by default) checks it.
			channel.pipeline().addLast("tls", settings.clientTls().newHandler(channel.alloc(), peer.host(), peer.port()));
		}
		addFraming(channel.pipeline()).addLast("handshake", new ClientHandshakeHandler(this, association))
			.addBefore("frames", "http-answer", new HttpAnswerDetector(peer));
	}

	/**
	 * With TLS, a node that dials in must have proven its identity with a trusted certificate
	 * (mutual TLS); clients may connect without one.
	 */
	void checkPeerCertificate(Hello hello, Channel channel) {
		SslHandler tls = channel.pipeline().get(SslHandler.class);
		if (tls == null || !hello.address().isListening()) {
			return;
		}
		try {
			tls.engine().getSession().getPeerCertificates();
		}
		catch (SSLPeerUnverifiedException ex) {
			throw new HandshakeException("node " + hello.address()
					+ " presented no trusted certificate; nodes must use mutual TLS (give them a key in clientTls)");
		}
	}

	/** Counts accepted connections and closes the ones beyond the maximum. */
	private boolean admit(SocketChannel channel) {
		if (acceptedConnections.incrementAndGet() > settings.maxConnections()) {
			acceptedConnections.decrementAndGet();
			connectionWarnings.warn(logger, "Refused connection from {}: {} connections are open, the maximum (max-connections)",
					channel.remoteAddress(), settings.maxConnections());
			channel.close();
			return false;
		}
		channel.closeFuture().addListener(closed -> acceptedConnections.decrementAndGet());
		return true;
	}

	private ChannelPipeline addFraming(ChannelPipeline pipeline) {
		long idle = settings.idleTimeout().toMillis();
		pipeline.addLast("idle", new IdleStateHandler(idle, 0, 0, TimeUnit.MILLISECONDS));
		pipeline.addLast("keep-alive", new KeepAliveHandler(settings.idleTimeout()));
		// Netty counts the length field itself towards the limit; ours counts only what follows it.
		return pipeline.addLast("frames", new LengthFieldBasedFrameDecoder(
				settings.maxFrameSize() + WireFormat.LENGTH_FIELD_SIZE, 0,
				WireFormat.LENGTH_FIELD_SIZE, 0, WireFormat.LENGTH_FIELD_SIZE));
	}

	// Called by the handlers, on the connection's event loop.

	MessageCodec codec() {
		return codec;
	}

	Hello hello(byte[] nonce) {
		return new Hello(WireFormat.PROTOCOL_VERSION, address(), nonce);
	}

	void checkHello(Hello hello) {
		if (!hello.address().system().equals(system.name())) {
			throw new HandshakeException(SystemNameMismatchException.rejectReason(hello.address(), system.name()));
		}
		if (hello.address().equals(address())) {
			throw new HandshakeException("peer claims this node's own address " + address());
		}
	}

	void inboundEstablished(Association association, Channel channel) {
		associations.inboundEstablished(association, channel);
	}

	void outboundEstablished(Association association, Channel channel, NodeAddress declared) {
		associations.outboundEstablished(association, channel, declared);
	}

	/**
	 * Whether a failed connection was refused for this side's configuration (system name,
	 * secret, protocol version, TLS, a port that is not a node's): such failures are logged here
	 * at WARN, once per attempt, so whoever retries need not log them again.
	 */
	public static boolean isRefusal(Throwable cause) {
		return cause instanceof HandshakeException || ConnectionProblems.isTlsFailure(cause);
	}

	void associationFailed(Association association, Throwable cause) {
		associations.failed(association, cause);
	}

	void associationClosed(Association association, Throwable cause) {
		associations.closed(association, cause);
	}

	void logConnectionFailure(Association association, Throwable cause) {
		connectionWarnings.warn(logger, "Closing connection with {}: {}", association,
				ConnectionProblems.describe(cause, settings().maxFrameSize()));
	}

	/** Where warnings about refused and failed connections go, rate-limited. */
	RateLimitedWarnings connectionWarnings() {
		return connectionWarnings;
	}

	void deliver(InboundMessage inbound) {
		system.deliver(inbound.recipientPath(), inbound.message());
	}

	/** Closes every connection and the listening socket, and stops the network threads. */
	@Override
	public void close() {
		if (closed) {
			return;
		}
		closed = true;
		if (watchdog != null) {
			watchdog.cancel(false);
		}
		Channel server = serverChannel;
		if (server != null) {
			server.close().awaitUninterruptibly();
		}
		associations.closeAll();
		group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
	}
}
