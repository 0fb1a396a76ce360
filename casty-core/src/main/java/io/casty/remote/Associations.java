package io.casty.remote;

import io.casty.actor.NodeAddress;
import io.netty.channel.Channel;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The association of each peer, and what happens as one is established, fails or closes: the
 * registry keeps at most one live association per peer, a failure to connect is logged, and the
 * listeners hear of every peer that comes and goes.
 */
final class Associations {

	// Under the transport's name, where operators look for its connection events.
	private static final Logger logger = LoggerFactory.getLogger(NettyTransport.class);

	private final Map<NodeAddress, Association> byPeer = new ConcurrentHashMap<>();

	private final TransportSettings settings;

	private final TransportListeners listeners;

	Associations(TransportSettings settings, TransportListeners listeners) {
		this.settings = settings;
		this.listeners = listeners;
	}

	/** The peer's association if it has one that is not closed, established or still connecting; else null. */
	Association live(NodeAddress peer) {
		Association existing = byPeer.get(peer);
		return existing != null && !existing.isClosed() ? existing : null;
	}

	/** The peer's association if it completed its handshake and is open; else null. */
	Association established(NodeAddress peer) {
		Association association = byPeer.get(peer);
		return association != null && isEstablished(association) ? association : null;
	}

	/** How many peers have an association that completed its handshake and is open. */
	int establishedCount() {
		return (int) byPeer.values().stream().filter(Associations::isEstablished).count();
	}

	private static boolean isEstablished(Association association) {
		return !association.isClosed() && association.channel() != null;
	}

	/**
	 * The peer's association if it has a live one, else a new one, registered, and handed to
	 * {@code start} (by the one caller whose association won, when several race).
	 */
	Association liveOrNew(NodeAddress peer, Consumer<Association> start) {
		Association fresh = new Association(peer, settings.maxPendingWriteBytes());
		Association winner = byPeer.compute(peer,
				(key, current) -> current != null && !current.isClosed() ? current : fresh);
		if (winner == fresh) {
			start.accept(fresh);
		}
		return winner;
	}

	/** A peer that connected to this side completed its handshake on {@code channel}. */
	void inboundEstablished(Association association, Channel channel) {
		association.establish(channel);
		NodeAddress peer = association.peer();
		if (peer.isListening()) {
			// A node that dialled us while we dialled it: both connections stay open and either may
			// carry messages; the one already registered keeps sending, so neither side drops it.
			Association existing = byPeer.putIfAbsent(peer, association);
			if (existing != null && !existing.isClosed()) {
				logger.debug("Accepted a second connection from node {}; keeping both", association);
				return;
			}
			byPeer.put(peer, association);
		}
		else {
			Association previous = byPeer.put(peer, association);
			if (previous != null && previous != association) {
				if (previous.channel() == null) {
					// Held for this client until it connected: goes over its connection now.
					association.takeOver(previous);
				}
				else {
					logger.debug("{} reconnected; closing its previous connection", peer);
				}
				previous.close(null);
			}
		}
		logger.debug("Accepted connection from {}", association);
		listeners.associated(peer);
	}

	/** A connection this side opened completed its handshake on {@code channel}. */
	void outboundEstablished(Association association, Channel channel, NodeAddress declared) {
		if (!declared.equals(association.peer())) {
			logger.debug("Connected to {}, which calls itself {}", association.peer(), declared);
		}
		association.establish(channel);
		logger.debug("Connected to {}", association);
		listeners.associated(association.peer());
	}

	/**
	 * A connection this side opened could not be made or was refused: logged at WARN when it
	 * was refused for this side's configuration ({@link NettyTransport#isRefusal}), then closed.
	 */
	void failed(Association association, Throwable cause) {
		if (association.isClosed()) {
			return;
		}
		// Host and port only: the system in the peer's address is this side's own, not the peer's.
		String peer = association.peer().hostPort();
		String problem = ConnectionProblems.describe(cause, settings.maxFrameSize());
		if (NettyTransport.isRefusal(cause)) {
			logger.warn("Could not connect to {}: {}", peer, problem);
		}
		else {
			logger.debug("Could not connect to {}: {}", peer, problem);
		}
		closed(association, cause);
	}

	/**
	 * Closes the association, dropping what is queued on it; the listeners hear of it if it was
	 * the peer's registered one.
	 *
	 * @param cause why, or null for an orderly close
	 */
	void closed(Association association, Throwable cause) {
		if (association.isClosed()) {
			return;
		}
		association.close(cause);
		if (byPeer.remove(association.peer(), association)) {
			listeners.disassociated(association.peer(), cause);
		}
	}

	/** Closes the peer's association, if any. */
	void disconnect(NodeAddress peer) {
		Association association = byPeer.get(peer);
		if (association != null) {
			closed(association, null);
		}
	}

	/** Closes every association, without telling the listeners: the transport is closing. */
	void closeAll() {
		byPeer.values().forEach(association -> association.close(null));
		byPeer.clear();
	}
}
