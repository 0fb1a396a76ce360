package io.casty.cluster.observation;

import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.ReceiverContext;
import java.util.Map;

/**
 * What an observation of an entity handling one message knows: the entity, the message's type,
 * the node, and as its carrier the trace context the sender put in the envelope (empty when the
 * sender did not trace), from which a tracing handler continues the sender's trace.
 */
public class EntityMessageContext extends ReceiverContext<Map<String, String>> {

	private final String shardType;

	private final String entityId;

	private final Class<?> messageType;

	private final String node;

	/**
	 * @param shardType the entity's type
	 * @param entityId the entity's id
	 * @param messageType the class of the message the entity handles
	 * @param node the node the entity runs on, as {@code host:port}
	 * @param traceContext the propagation headers that came with the message
	 */
	public EntityMessageContext(String shardType, String entityId, Class<?> messageType, String node,
			Map<String, String> traceContext) {
		super(Map::get, Kind.CONSUMER);
		this.shardType = shardType;
		this.entityId = entityId;
		this.messageType = messageType;
		this.node = node;
		setCarrier(traceContext);
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

	/** The node the entity runs on, as {@code host:port}. */
	public String getNode() {
		return this.node;
	}
}
