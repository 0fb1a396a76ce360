package io.casty.client;

/**
 * An ask was sent to the entity's node, but the connection it went out on closed before the
 * reply came. Replies travel back over the connection their request used, so none can come
 * any more: the ask fails shortly after the connection closed (200 ms, time for a reply that a
 * node forwarded to the shard's new owner to come over the client's connection to that owner)
 * rather than at its timeout. As after a timeout, whether the entity processed the message is
 * unknown; hence a kind of {@link AskTimeoutException}, and code that handles timeouts handles
 * this too.
 */
public class ReplyLostException extends AskTimeoutException {

	public ReplyLostException(String message) {
		super(message);
	}
}
