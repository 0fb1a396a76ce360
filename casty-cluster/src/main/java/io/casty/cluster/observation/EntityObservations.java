package io.casty.cluster.observation;

import io.casty.actor.MessageInterceptor;
import io.casty.protocol.TracedMessage;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.util.Map;

/**
 * Internal: what each message of a node's entities passes through on its way to the entity. It
 * unwraps the {@link TracedMessage}s of clients that trace; when the node has an observation
 * registry, it also observes the handling of every message (see
 * {@link DefaultEntityMessageObservationConvention}), continuing the sender's trace where the
 * message carried one, with the observation current on the entity's thread meanwhile.
 */
public final class EntityObservations {

	/** Unwraps, observes nothing: for a node without an observation registry. */
	private static final MessageInterceptor UNWRAP = (message, behavior) -> behavior.apply(TracedMessage.unwrap(message));

	private final ObservationRegistry registry;

	private final String node;

	/**
	 * @param registry where the observations go; {@link ObservationRegistry#NOOP} for none
	 * @param node the node's {@code host:port}, a tag of every observation
	 */
	public EntityObservations(ObservationRegistry registry, String node) {
		this.registry = registry;
		this.node = node;
	}

	/** What the messages of one entity pass through. */
	public MessageInterceptor forEntity(String shardType, String entityId) {
		if (registry.isNoop()) {
			return UNWRAP;
		}
		return (message, behavior) -> {
			Object unwrapped = TracedMessage.unwrap(message);
			Map<String, String> traceContext = (message instanceof TracedMessage traced) ? traced.context() : Map.of();
			return Observation
				.createNotStarted(null, DefaultEntityMessageObservationConvention.INSTANCE,
						() -> new EntityMessageContext(shardType, entityId, unwrapped.getClass(), node, traceContext),
						registry)
				.observe(() -> behavior.apply(unwrapped));
		};
	}
}
