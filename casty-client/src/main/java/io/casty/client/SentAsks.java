package io.casty.client;

import io.casty.actor.NodeAddress;
import io.casty.remote.Connection;
import io.casty.remote.TransportListener;
import io.netty.util.Timer;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The asks whose request went out on a connection and whose reply has not come yet. A reply
 * comes back over the connection its request used, so when that connection closes its asks
 * cannot be answered: they fail shortly after, not seconds later at their timeout. An ask whose
 * connection never completed its handshake was never written, and fails as unsent.
 *
 * <p>"Shortly": a request that reached a node after its shard moved is forwarded to the new
 * owner, whose reply comes over this client's connection to that owner instead. Asks are failed
 * {@link #FORWARDED_REPLY_GRACE} after their connection closed, time for such a reply to land.
 */
final class SentAsks implements TransportListener {

	/** How long a reply forwarded through a node whose connection closed may still take. */
	static final Duration FORWARDED_REPLY_GRACE = Duration.ofMillis(200);

	private final Set<PendingAsk<?>> asks = ConcurrentHashMap.newKeySet();

	private final Timer timer;

	/**
	 * @param timer runs the failures once the grace has passed
	 */
	SentAsks(Timer timer) {
		this.timer = timer;
	}

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
			loseAfterGrace(ask, connection, null);
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
				loseAfterGrace(ask, connection, cause);
			}
		}
	}

	private void loseAfterGrace(PendingAsk<?> ask, Connection connection, Throwable cause) {
		String why = cause == null ? "" : " (" + cause.getMessage() + ")";
		if (!connection.wasEstablished()) {
			// Never written, so nothing can have been forwarded: no reason to wait.
			ask.fail(new ClusterUnavailableException("Could not send to " + ask.describe() + ": the connection to node "
					+ connection.peer().hostPort() + " closed before it was established" + why));
			return;
		}
		ReplyLostException lost = new ReplyLostException("The connection to node " + connection.peer().hostPort()
				+ " closed before the reply from " + ask.describe() + " came" + why
				+ "; the entity may or may not have processed the message");
		try {
			timer.newTimeout(expired -> ask.fail(lost), FORWARDED_REPLY_GRACE.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (IllegalStateException stopped) {
			// The client is closing (its timer stopped), and fails every ask itself.
			ask.fail(lost);
		}
	}
}
