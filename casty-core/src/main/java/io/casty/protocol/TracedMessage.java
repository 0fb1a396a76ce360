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
}
