package io.casty.remote;

import io.casty.CastyException;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds what a node sends to a client that has no connection to it, in case the client
 * connects: a request forwarded by another node (whose client saw the shard move later than the
 * cluster did) is answered by the shard's new owner, often a node the client is connecting to at
 * that moment. A client cannot be dialled, so what is held goes over the client's own connection
 * if one arrives within {@link #CONNECT_WAIT}, and is dropped otherwise.
 */
final class UnconnectedClients {

	/** How long what is sent to a client without a connection is held for it. */
	static final Duration CONNECT_WAIT = Duration.ofSeconds(1);

	// Under the transport's name, where operators look for its connection events.
	private static final Logger logger = LoggerFactory.getLogger(NettyTransport.class);

	private final ScheduledExecutorService scheduler;

	private final Associations associations;

	/**
	 * @param scheduler gives up on clients that do not connect; refuses once the transport is
	 *     closing
	 */
	UnconnectedClients(ScheduledExecutorService scheduler, Associations associations) {
		this.scheduler = scheduler;
		this.associations = associations;
	}

	/**
	 * Starts the wait of a new association for a client that has not connected (or whose
	 * connection closed). Closes it at once when the transport is closing, which drops what is
	 * sent to it.
	 */
	void hold(Association awaiting) {
		logger.debug("No connection to client {}; holding what is sent to it for {} ms in case it connects",
				awaiting.peer(), CONNECT_WAIT.toMillis());
		try {
			scheduler.schedule(() -> giveUp(awaiting), CONNECT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (RejectedExecutionException closing) {
			associations.closed(awaiting, closing);
		}
	}

	private void giveUp(Association awaiting) {
		if (awaiting.channel() == null && !awaiting.isClosed()) {
			logger.debug("Dropping what was sent to client {}: it did not connect within {} ms", awaiting.peer(),
					CONNECT_WAIT.toMillis());
			associations.closed(awaiting, new CastyException("client " + awaiting.peer() + " did not connect within "
					+ CONNECT_WAIT.toMillis() + " ms"));
		}
	}
}
