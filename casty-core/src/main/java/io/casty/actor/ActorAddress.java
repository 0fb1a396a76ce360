package io.casty.actor;

import java.util.Objects;

/**
 * The full address of one actor: {@code system@host:port/path}, for example
 * {@code loyalty-cluster@127.0.0.1:25520/system/sharding/loyalty}.
 *
 * @param node the actor system the actor lives in
 * @param path the actor's path inside that system, starting with {@code /}
 */
public record ActorAddress(NodeAddress node, String path) {

	public ActorAddress {
		Objects.requireNonNull(node, "node");
		Objects.requireNonNull(path, "path");
		if (!path.startsWith("/") || path.length() < 2) {
			throw new IllegalArgumentException("path : '" + path + "' (expected: starts with '/', not empty)");
		}
	}

	/** Parses {@code system@host:port/path}. */
	public static ActorAddress parse(String text) {
		Objects.requireNonNull(text, "text");
		int at = text.indexOf('@');
		int slash = at < 0 ? -1 : text.indexOf('/', at);
		if (slash < 0) {
			throw new IllegalArgumentException(
					"'" + text + "' is not an actor address (expected: system@host:port/path)");
		}
		return new ActorAddress(NodeAddress.parse(text.substring(0, slash)), text.substring(slash));
	}

	/** The address of a child of this actor. */
	public ActorAddress child(String name) {
		return new ActorAddress(node, path + "/" + name);
	}

	@Override
	public String toString() {
		return node + path;
	}
}
