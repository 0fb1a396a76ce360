package io.casty.client.observation;

import io.micrometer.common.KeyValues;

/**
 * The default names and tags of the observations of client requests:
 * <ul>
 * <li>name {@value #NAME} (a timer of that name with a metrics handler; a span per request with
 * a tracing handler, named {@code tell <shard type>} or {@code ask <shard type>}; an ask's lasts
 * until its reply, timeout or failure, which it records);</li>
 * <li>low cardinality: {@code casty.operation} ({@code tell}, {@code ask}),
 * {@code casty.shard.type}, {@code casty.message.type} (the message's simple class name);</li>
 * <li>high cardinality (spans only): {@code casty.entity.id}.</li>
 * </ul>
 */
public class DefaultClientRequestObservationConvention implements ClientRequestObservationConvention {

	/** The observations' name. */
	public static final String NAME = "casty.client.requests";

	/** The convention used unless one is registered. */
	public static final DefaultClientRequestObservationConvention INSTANCE = new DefaultClientRequestObservationConvention();

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public String getContextualName(ClientRequestContext context) {
		return context.getOperation().tagValue() + " " + context.getShardType();
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(ClientRequestContext context) {
		return KeyValues.of("casty.operation", context.getOperation().tagValue(), "casty.shard.type", context.getShardType(),
				"casty.message.type", context.getMessageType().getSimpleName());
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(ClientRequestContext context) {
		return KeyValues.of("casty.entity.id", context.getEntityId());
	}
}
