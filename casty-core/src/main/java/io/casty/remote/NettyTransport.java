package io.casty.remote;

import io.casty.CastyException;
import io.casty.actor.ActorAddress;
import io.casty.actor.ActorSystem;
import io.casty.actor.NodeAddress;
import io.casty.logging.RateLimitedWarnings;
import io.casty.serialization.MessageRegistry;
import io.casty.serialization.Serialization;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
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

	private final EventLoopGroup group;

	/** Watches the network threads for stalls; null when the warning is turned off. */
	private final ScheduledFuture<?> watchdog;

	private final TransportListeners listeners = new TransportListeners();

	private final Associations associations;

	private final UnconnectedClients unconnectedClients;

	private final TransportPipelines pipelines;

	private final OutboundSource outboundSource = new OutboundSource();

	private final Dialler dialler;

	private final ListeningSocket listeningSocket;

	private volatile boolean closed;

	public NettyTransport(ActorSystem system, MessageRegistry registry, TransportSettings settings) {
		this.system = Objects.requireNonNull(system, "system");
		this.settings = Objects.requireNonNull(settings, "settings");
		this.codec = new MessageCodec(new Serialization(registry, system::resolve), settings.maxFrameSize());
		IoTransport io = IoTransport.available();
		this.group = new MultiThreadIoEventLoopGroup(settings.ioThreads(),
				new DefaultThreadFactory("casty-" + system.name() + "-io", true), io.newHandlerFactory());
		this.watchdog = watch(group, system, settings.blockedThreadWarning());
		RateLimitedWarnings connectionWarnings = new RateLimitedWarnings("refused or failed connections");
		this.associations = new Associations(settings, listeners);
		this.unconnectedClients = new UnconnectedClients(group, associations);
		this.pipelines = new TransportPipelines(
				new TransportContext(settings, system, codec, associations, connectionWarnings));
		this.dialler = new Dialler(group, io, settings, pipelines, outboundSource, associations);
		this.listeningSocket = new ListeningSocket(group, io, settings, pipelines, connectionWarnings);
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
		bind(address().host(), address().port());
	}

	/**
	 * Listens on {@code host:port}, while the system stays known to its peers by its own
	 * address: for a node behind an address translation (a container's published port, a load
	 * balancer), where the address others reach differs from the one to listen on.
	 *
	 * @throws CastyException when the port cannot be bound, naming it and the reason
	 */
	public void bind(String host, int port) {
		InetSocketAddress bound = listeningSocket.bind(address(), host, port);
		outboundSource.listeningOn(bound.getAddress());
	}

	/** The socket this transport listens on, if it does. */
	public Optional<InetSocketAddress> boundAddress() {
		return listeningSocket.address();
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
		return associations.liveOrNew(peer, dialler::dial);
	}

	/**
	 * Whether a failed connection was refused for this side's configuration (system name,
	 * secret, protocol version, TLS, a port that is not a node's): such failures are logged here
	 * at WARN, once per attempt, so whoever retries need not log them again.
	 */
	public static boolean isRefusal(Throwable cause) {
		return cause instanceof HandshakeException || ConnectionProblems.isTlsFailure(cause);
	}

	/** The pipelines of this transport's connections, for tests that drive one through an {@code EmbeddedChannel}. */
	TransportPipelines pipelines() {
		return pipelines;
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
		listeningSocket.close();
		associations.closeAll();
		group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
	}
}
