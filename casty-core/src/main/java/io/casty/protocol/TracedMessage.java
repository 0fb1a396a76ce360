package io.casty.protocol;

import java.util.Map;
import java.util.Objects;

/**
 * Internal: a message for an entity with the trace context of the request that sent it, as the
 * propagation headers the sender's tracer wrote ({@code traceparent}, {@code b3}, ...). A client
 * that traces its requests sends it as the message of the {@link io.casty.sharding.ShardEnvelope};
 * the node's regions pass it on unopened and the entity's host unwraps it just before the entity
 * handles the message, continuing the trace there.
 *
 * @param message the message for the entity
 * @param context the propagation headers
 */
public record TracedMessage(Object message, Map<String, String> context) {

	public TracedMessage {
		Objects.requireNonNull(message, "message");
		context = Map.copyOf(context);
	}

	/** The message for the entity: {@code message} itself, or what it carries if it is traced. */
	public static Object unwrap(Object message) {
		return (message instanceof TracedMessage traced) ? traced.message() : message;
	}

	/** The class name of what {@code message} is for the entity, for log lines. */
	public static String typeName(Object message) {
		return unwrap(message).getClass().getName();
	}
}
