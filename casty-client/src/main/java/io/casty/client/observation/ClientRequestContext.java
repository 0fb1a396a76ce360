package io.casty.client.observation;

import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.SenderContext;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What an observation of one client request (a tell or an ask) knows: the entity, the message's
 * type, how it was sent, and as its carrier the propagation headers a tracing handler writes when
 * the observation starts, which travel to the entity in the envelope.
 */
public class ClientRequestContext extends SenderContext<Map<String, String>> {

	/** How a request was sent, and so what kind of span it is. */
	public enum Operation {

		/** Fire and forget: a producer span. */
		TELL(Kind.PRODUCER),

		/** A request waiting for its reply: a client span. */
		ASK(Kind.CLIENT);

		private final Kind kind;

		Operation(Kind kind) {
			this.kind = kind;
		}

		/** {@code tell} or {@code ask}: the value of the {@code casty.operation} tag. */
		public String tagValue() {
			return name().toLowerCase(Locale.ROOT);
		}
	}

	private final Operation operation;

	private final String shardType;

	private final String entityId;

	private final Class<?> messageType;

	/**
	 * @param operation how the request was sent
	 * @param shardType the entity's type
	 * @param entityId the entity's id
	 * @param messageType the class of the message sent
	 * @param systemName the cluster's system name: the remote service
	 */
	public ClientRequestContext(Operation operation, String shardType, String entityId, Class<?> messageType,
			String systemName) {
		super(Map::put, operation.kind);
		this.operation = operation;
		this.shardType = shardType;
		this.entityId = entityId;
		this.messageType = messageType;
		setCarrier(new HashMap<>());
		setRemoteServiceName(systemName);
	}

	public Operation getOperation() {
		return this.operation;
	}

	public String getShardType() {
		return this.shardType;
	}

	public String getEntityId() {
		return this.entityId;
	}

	public Class<?> getMessageType() {
		return this.messageType;
	}
}
