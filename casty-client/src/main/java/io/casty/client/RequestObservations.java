package io.casty.client;

import io.casty.client.observation.ClientRequestContext;
import io.casty.client.observation.ClientRequestContext.Operation;
import io.casty.client.observation.DefaultClientRequestObservationConvention;
import io.casty.protocol.TracedMessage;
import io.casty.sharding.ShardEnvelope;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;

/**
 * Observes a client's requests (see {@link DefaultClientRequestObservationConvention}) and sends
 * each with the trace context its observation's tracing handler wrote, as a {@link TracedMessage}
 * inside the envelope, so the entity's node continues the trace. Without a registry, or when no
 * handler wrote a context, the envelope goes as it is.
 */
final class RequestObservations {

	private final ObservationRegistry registry;

	private final String systemName;

	private final ShardRouter router;

	RequestObservations(ObservationRegistry registry, String systemName, ShardRouter router) {
		this.registry = registry;
		this.systemName = systemName;
		this.router = router;
	}

	/** Sends a tell inside its observation, which ends once it is handed to the transport or buffered. */
	void tell(EntityRef<?> ref, ShardEnvelope<?> envelope) {
		if (registry.isNoop()) {
			router.tell(ref, envelope);
			return;
		}
		ClientRequestContext context = context(Operation.TELL, ref, envelope);
		Observation observation = start(context);
		try {
			router.tell(ref, traced(envelope, context));
		}
		catch (RuntimeException ex) {
			observation.error(ex);
			throw ex;
		}
		finally {
			observation.stop();
		}
	}

	/**
	 * Starts the observation of an ask, which ends with it (see {@link PendingAsk#observation}).
	 *
	 * @return the envelope to send
	 */
	ShardEnvelope<?> startAsk(EntityRef<?> ref, ShardEnvelope<?> envelope, PendingAsk<?> ask) {
		if (registry.isNoop()) {
			return envelope;
		}
		ClientRequestContext context = context(Operation.ASK, ref, envelope);
		ask.observation(start(context));
		return traced(envelope, context);
	}

	private ClientRequestContext context(Operation operation, EntityRef<?> ref, ShardEnvelope<?> envelope) {
		return new ClientRequestContext(operation, ref.shardType(), envelope.entityId(), envelope.message().getClass(),
				systemName);
	}

	private Observation start(ClientRequestContext context) {
		return Observation
			.createNotStarted(null, DefaultClientRequestObservationConvention.INSTANCE, () -> context, registry)
			.start();
	}

	private static ShardEnvelope<?> traced(ShardEnvelope<?> envelope, ClientRequestContext context) {
		if (context.getCarrier().isEmpty()) {
			return envelope;
		}
		return new ShardEnvelope<>(envelope.entityId(), new TracedMessage(envelope.message(), context.getCarrier()));
	}
}
