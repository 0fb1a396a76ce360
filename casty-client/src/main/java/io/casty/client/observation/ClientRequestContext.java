package io.casty.client.observation;

import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.SenderContext;
import java.util.HashMap;
import java.util.Map;

/**
 * What an observation of one client request (a tell or an ask) knows: the entity, the message's
 * type, how it was sent, and as its carrier the propagation headers a tracing handler writes when
 * the observation starts, which travel to the entity in the envelope.
 */
public class ClientRequestContext extends SenderContext<Map<String, String>> {

	private final String operation;

	private final String shardType;

	private final String entityId;

	private final Class<?> messageType;

	/**
	 * @param operation {@code tell} or {@code ask}
	 * @param shardType the entity's type
	 * @param entityId the entity's id
	 * @param messageType the class of the message sent
	 * @param systemName the cluster's system name: the remote service
	 */
	public ClientRequestContext(String operation, String shardType, String entityId, Class<?> messageType,
			String systemName) {
		super(Map::put, operation.equals("ask") ? Kind.CLIENT : Kind.PRODUCER);
		this.operation = operation;
		this.shardType = shardType;
		this.entityId = entityId;
		this.messageType = messageType;
		setCarrier(new HashMap<>());
		setRemoteServiceName(systemName);
	}

	/** {@code tell} or {@code ask}. */
	public String getOperation() {
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
