package io.casty.protocol;

import io.casty.actor.NodeAddress;
import io.casty.serialization.MessageRegistry;
import io.casty.sharding.ShardEnvelope;
import io.casty.topology.Member;
import io.casty.topology.MemberStatus;
import io.casty.topology.ShardAllocation;
import io.casty.topology.TopologySnapshot;
import java.util.List;

/**
 * The classes of the client–node protocol: every client and node registers them.
 *
 * <p>The protocol's own messages in this package are public for Casty's clients and nodes only
 * (each says "Internal"). They stay in this package: a class's wire id is derived from its fully
 * qualified name ({@link MessageRegistry#wireId}), so moving one would break the protocol between
 * versions.
 */
public final class ProtocolMessages {

	private static final List<Class<?>> CLASSES = List.of(NodeAddress.class, ShardEnvelope.class,
			MemberStatus.class, Member.class, ShardAllocation.class, TopologySnapshot.class, SubscribeTopology.class,
			UnsubscribeTopology.class, GetShardLocation.class, ShardLocation.class, EntityFailure.class,
			TracedMessage.class);

	private ProtocolMessages() {
	}

	/** A registry builder holding the JDK types and the protocol classes; add your messages to it. */
	public static MessageRegistry.Builder registry() {
		return MessageRegistry.builder().register(CLASSES);
	}
}
