package io.casty.client;

import io.casty.actor.NodeAddress;
import io.casty.remote.Connection;
import io.casty.remote.TransportListener;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The asks whose request went out on a connection and whose reply has not come yet. A reply
 * comes back over the connection its request used, so when that connection closes none of its
 * asks can be answered: they fail then, not seconds later at their timeout. An ask whose
 * connection never completed its handshake was never written, and fails as unsent.
 */
final class SentAsks implements TransportListener {

	private final Set<PendingAsk<?>> asks = ConcurrentHashMap.newKeySet();

	/** The ask's request was queued on {@code connection}. */
	void sent(PendingAsk<?> ask, Connection connection) {
		ask.sentOver(connection);
		asks.add(ask);
		if (ask.isDone()) {
			// Answered (or failed) before it was added: ended() found nothing to remove.
			asks.remove(ask);
		}
		else if (connection.isClosed()) {
			// Closed before it was added, so disassociated() may have missed it.
			lose(ask, connection, null);
		}
	}

	/** The ask ended, however. */
	void ended(PendingAsk<?> ask) {
		asks.remove(ask);
	}

	@Override
	public void disassociated(NodeAddress peer, Throwable cause) {
		for (PendingAsk<?> ask : asks) {
			Connection connection = ask.connection();
			// Only the connection that closed: a new one to the same node may already carry asks.
			if (connection.isClosed() && connection.peer().equals(peer)) {
				lose(ask, connection, cause);
			}
		}
	}

	private static void lose(PendingAsk<?> ask, Connection connection, Throwable cause) {
		String why = cause == null ? "" : " (" + cause.getMessage() + ")";
		if (connection.wasEstablished()) {
			ask.fail(new ReplyLostException("The connection to node " + connection.peer().hostPort()
					+ " closed before the reply from " + ask.describe() + " came" + why
					+ "; the entity may or may not have processed the message"));
		}
		else {
			ask.fail(new ClusterUnavailableException("Could not send to " + ask.describe() + ": the connection to node "
					+ connection.peer().hostPort() + " closed before it was established" + why));
		}
	}
}
