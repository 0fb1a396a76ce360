package io.casty.client;

import io.casty.CastyException;
import io.casty.actor.ActorAddress;
import io.casty.actor.ActorSystem;
import io.casty.actor.NodeAddress;
import io.casty.actor.TemporaryRef;
import io.casty.protocol.GetShardLocation;
import io.casty.protocol.ProtocolPaths;
import io.casty.protocol.ShardLocation;
import io.casty.protocol.SubscribeTopology;
import io.casty.remote.NettyTransport;
import io.casty.remote.TransportListener;
import io.casty.topology.Member;
import io.casty.topology.MemberStatus;
import io.casty.topology.TopologySnapshot;
import io.netty.util.Timer;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * Keeps the client subscribed to the topology at one contact point.
 *
 * <p>Candidates are the configured contact points followed by the members learned from the
 * topology, tried in rotation. A failed attempt, or the loss of the current contact point,
 * schedules the next attempt after an exponential backoff with jitter, forever, until the
 * client closes.
 */
final class TopologySubscription implements TransportListener {

	private static final Logger logger = LoggerFactory.getLogger(TopologySubscription.class);

	private final ClientSettings settings;

	private final NettyTransport transport;

	private final Timer timer;

	private final ShardRouter router;

	private final Backoff backoff;

	private final TemporaryRef<TopologySnapshot> topologyListener;

	private final TemporaryRef<ShardLocation> locationListener;

	private final SystemNameRefusals systemNameRefusals;

	private final FirstTopology firstTopology;

	private volatile List<NodeAddress> learned = List.of();

	private volatile NodeAddress contact;

	private volatile Throwable lastError;

	private volatile long lastTopologyNanos;

	private final Listeners listeners;

	private final IntSupplier inFlightAsks;

	private volatile ClientState.Status status = ClientState.Status.CONNECTING;

	private volatile boolean closed;

	private int nextCandidate;

	/** Members being probed (see {@link #probe}), one round of attempts each. */
	private final Set<NodeAddress> probing = ConcurrentHashMap.newKeySet();

	TopologySubscription(ClientSettings settings, ActorSystem system, NettyTransport transport, Timer timer,
			ShardRouter router, Listeners listeners, IntSupplier inFlightAsks) {
		this.settings = settings;
		this.listeners = listeners;
		this.inFlightAsks = inFlightAsks;
		this.transport = transport;
		this.timer = timer;
		this.router = router;
		this.backoff = new Backoff(settings.reconnectBackoffMin(), settings.reconnectBackoffMax());
		this.systemNameRefusals = new SystemNameRefusals(settings.systemName(), settings.contactPoints());
		this.firstTopology = new FirstTopology(systemNameRefusals, this::unavailableReason);
		this.topologyListener = system.temporaryRef(this::onTopology);
		this.locationListener = system.temporaryRef(router::onLocation);
	}

	void start() {
		attempt();
		scheduleLivenessCheck();
	}

	/**
	 * Nodes push a topology heartbeat at least every second or so; a contact point that has
	 * sent nothing for the subscription timeout is treated as lost, even if its TCP connection
	 * looks open.
	 */
	private void scheduleLivenessCheck() {
		Duration timeout = settings.subscriptionTimeout();
		timer.newTimeout(check -> {
			NodeAddress current = contact;
			if (!closed && current != null && System.nanoTime() - lastTopologyNanos > timeout.toNanos()) {
				logger.warn("No topology from contact point {} for {} ms; re-subscribing elsewhere", current.hostPort(),
						timeout.toMillis());
				transport.disconnect(current);
			}
			if (!closed) {
				scheduleLivenessCheck();
			}
		}, timeout.toNanos() / 4, TimeUnit.NANOSECONDS);
	}

	private void attempt() {
		if (closed) {
			return;
		}
		NodeAddress candidate = nextCandidate();
		transport.connect(candidate).whenComplete((connected, error) -> {
			Throwable cause = error instanceof CompletionException completion ? completion.getCause() : error;
			systemNameRefusals.attempted(candidate, cause);
			if (cause == null) {
				subscribed(candidate);
			}
			else {
				failed(candidate, cause);
			}
		});
	}

	private synchronized NodeAddress nextCandidate() {
		Set<NodeAddress> candidates = new LinkedHashSet<>(settings.contactPoints());
		candidates.addAll(learned);
		List<NodeAddress> ordered = List.copyOf(candidates);
		NodeAddress candidate = ordered.get(Math.floorMod(nextCandidate, ordered.size()));
		nextCandidate++;
		return candidate;
	}

	private void subscribed(NodeAddress candidate) {
		if (closed) {
			return;
		}
		contact = candidate;
		lastTopologyNanos = System.nanoTime();
		lastError = null;
		backoff.reset();
		router.resubscribed();
		transport.send(new ActorAddress(candidate, ProtocolPaths.TOPOLOGY), new SubscribeTopology(topologyListener));
		logger.info("Connected to cluster '{}' at {}; subscribed to its topology", settings.systemName(),
				candidate.hostPort());
	}

	private void failed(NodeAddress candidate, Throwable error) {
		if (closed) {
			return;
		}
		lastError = error;
		Duration delay = backoff.next();
		// A refusal (a wrong system name or secret, TLS, a web port) was logged at WARN by the
		// transport with its reason; a second line per attempt would only repeat it.
		logger.atLevel(NettyTransport.isRefusal(error) ? Level.DEBUG : Level.WARN)
			.log("Could not reach contact point {} of cluster '{}': {}; trying again in {} ms", candidate.hostPort(),
					settings.systemName(), rootMessage(error), delay.toMillis());
		schedule(delay);
	}

	@Override
	public void associated(NodeAddress peer) {
		router.reachable(peer);
	}

	@Override
	public void disassociated(NodeAddress peer, Throwable cause) {
		if (closed) {
			return;
		}
		if (isMember(peer)) {
			router.unreachable(peer);
			// A failed probe is itself a connection that could not be opened: it must not start
			// another round of probes, or they would multiply with every failure.
			if (probing.add(peer)) {
				probe(peer, new Backoff(settings.reconnectBackoffMin(), settings.reconnectBackoffMax()));
			}
		}
		if (!peer.equals(contact)) {
			return;
		}
		contact = null;
		lastError = cause;
		changeStatus(ClientState.Status.RECONNECTING);
		Duration delay = backoff.next();
		logger.warn("Lost contact point {} of cluster '{}'{}; re-subscribing in {} ms", peer.hostPort(),
				settings.systemName(), cause == null ? "" : ": " + rootMessage(cause), delay.toMillis());
		schedule(delay);
	}

	private boolean isMember(NodeAddress node) {
		TopologySnapshot snapshot = router.table().snapshot();
		return snapshot != null && snapshot.members().stream()
			.anyMatch(member -> member.address().equals(node) && isActive(member.status()));
	}

	private static boolean isActive(MemberStatus status) {
		return status == MemberStatus.UP || status == MemberStatus.LEAVING || status == MemberStatus.JOINING;
	}

	/**
	 * Reconnects to a member whose connection failed, with backoff, while the topology still
	 * lists it; success makes it routable again (through {@link #associated}).
	 */
	private void probe(NodeAddress member, Backoff probeBackoff) {
		timer.newTimeout(timeout -> {
			if (closed || !isMember(member) || transport.isConnected(member)) {
				probing.remove(member);
				return;
			}
			transport.connect(member).whenComplete((connected, error) -> {
				if (error != null) {
					probe(member, probeBackoff);
				}
				else {
					probing.remove(member);
				}
			});
		}, probeBackoff.next().toNanos(), TimeUnit.NANOSECONDS);
	}

	private void schedule(Duration delay) {
		if (!closed) {
			timer.newTimeout(timeout -> attempt(), delay.toNanos(), TimeUnit.NANOSECONDS);
		}
	}

	/** A topology pushed by the contact point. */
	void onTopology(TopologySnapshot snapshot) {
		lastTopologyNanos = System.nanoTime();
		learned = snapshot.members().stream().filter(member -> isActive(member.status())).map(Member::address).toList();
		router.onTopology(snapshot);
		connectToMembers(snapshot);
		changeStatus(ClientState.Status.CONNECTED);
		listeners.notify(listener -> listener.topologyUpdated(snapshot));
		firstTopology.arrived(snapshot);
	}

	/**
	 * Keeps a connection to every active member, so any of them can answer this client: a
	 * request forwarded by a node with a stale view gets its reply from the shard's owner,
	 * which needs a connection to this client to send it. A member this client lost is left to
	 * its round of probes; if that round ended because the member was downed, and the member is
	 * back (it rejoined, at the same address), a new round starts: nothing else would reconnect
	 * to it, and its shards' messages would wait for good.
	 */
	private void connectToMembers(TopologySnapshot snapshot) {
		for (Member member : snapshot.members()) {
			NodeAddress address = member.address();
			if (!isActive(member.status()) || transport.isConnected(address)) {
				continue;
			}
			if (!router.isUnreachable(address)) {
				transport.connect(address);
			}
			else if (probing.add(address)) {
				probe(address, new Backoff(settings.reconnectBackoffMin(), settings.reconnectBackoffMax()));
			}
		}
	}

	private void changeStatus(ClientState.Status next) {
		if (status != next && !closed) {
			status = next;
			ClientState state = state();
			logger.debug("Cluster client is {}", state);
			listeners.notify(listener -> listener.stateChanged(state));
		}
	}

	/** The client's link to the cluster now, from cached values only. */
	ClientState state() {
		RoutingTable table = router.table();
		long last = lastTopologyNanos;
		Throwable error = lastError;
		return new ClientState(status, contact, table.snapshot(),
				table.snapshot() == null ? null : Duration.ofNanos(System.nanoTime() - last), router.waitingCount(),
				inFlightAsks.getAsInt(), transport.connectedPeers(), error == null ? null : rootMessage(error));
	}

	/** Asks the contact point who owns a shard, if connected; the answer goes to the router. */
	void requestLocation(String shardType, int shard) {
		NodeAddress current = contact;
		if (current != null) {
			transport.send(new ActorAddress(current, ProtocolPaths.TOPOLOGY),
					new GetShardLocation(shardType, shard, locationListener));
		}
	}

	FirstTopology firstTopology() {
		return firstTopology;
	}

	NodeAddress contact() {
		return contact;
	}

	/** Why the client is not connected, for error messages. */
	String unavailableReason() {
		Throwable error = lastError;
		return "not connected to cluster '" + settings.systemName() + "' (contact points "
				+ settings.contactPoints().stream().map(NodeAddress::hostPort).toList()
				+ (error == null ? "" : "; last error: " + rootMessage(error)) + ")";
	}

	void close() {
		changeStatus(ClientState.Status.CLOSED);
		closed = true;
		topologyListener.release();
		locationListener.release();
	}

	/** What the native (epoll) transport puts before the operating system's message. */
	private static final Pattern NATIVE_ERROR = Pattern.compile("^\\w+\\(\\.\\.\\) failed with error\\(-?\\d+\\): ");

	/**
	 * The message of the deepest cause, or of the outermost Casty exception: Casty's messages
	 * already say what failed, where the causes they wrap only repeat part of it.
	 */
	static String rootMessage(Throwable error) {
		Throwable root = error;
		while (!(root instanceof CastyException) && root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		if (root.getMessage() == null) {
			return root.getClass().getSimpleName();
		}
		// "finishConnect(..) failed with error(-111): Connection refused" reads as NIO's "Connection refused".
		return NATIVE_ERROR.matcher(root.getMessage()).replaceFirst("");
	}
}
