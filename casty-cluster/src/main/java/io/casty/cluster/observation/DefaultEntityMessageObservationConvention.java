package io.casty.cluster.observation;

import io.micrometer.common.KeyValues;

/**
 * The default names and tags of the observations of entities handling messages:
 * <ul>
 * <li>name {@value #NAME} (a timer of that name with a metrics handler; a span per message with
 * a tracing handler, named {@code handle <shard type>});</li>
 * <li>low cardinality: {@code casty.shard.type}, {@code casty.message.type} (the message's
 * simple class name);</li>
 * <li>high cardinality (spans only): {@code casty.entity.id}, {@code casty.node} (the
 * {@code host:port} of the node that handled it).</li>
 * </ul>
 */
public class DefaultEntityMessageObservationConvention implements EntityMessageObservationConvention {

	/** The observations' name. */
	public static final String NAME = "casty.entity.messages";

	/** The convention used unless one is registered. */
	public static final DefaultEntityMessageObservationConvention INSTANCE = new DefaultEntityMessageObservationConvention();

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public String getContextualName(EntityMessageContext context) {
		return "handle " + context.getShardType();
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(EntityMessageContext context) {
		return KeyValues.of("casty.shard.type", context.getShardType(), "casty.message.type",
				context.getMessageType().getSimpleName());
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(EntityMessageContext context) {
		return KeyValues.of("casty.entity.id", context.getEntityId(), "casty.node", context.getNode());
	}
}
