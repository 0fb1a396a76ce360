package io.casty.benchmarks.load.raw;

import io.casty.actor.AbstractActorRef;
import io.casty.actor.ActorAddress;
import io.casty.actor.ActorRef;
import io.casty.actor.ActorSystem;
import io.casty.actor.NodeAddress;
import io.casty.benchmarks.points.PointsAccount.AddAndGet;
import io.casty.benchmarks.points.PointsAccount.AddPoints;
import io.casty.benchmarks.points.PointsAccount;
import io.casty.protocol.ProtocolMessages;
import io.casty.protocol.ProtocolPaths;
import io.casty.remote.NettyTransport;
import io.casty.remote.TransportSettings;
import io.casty.sharding.ShardEnvelope;
import java.util.UUID;

/**
 * The sizes, length prefix included, of the frames Casty puts on the wire for the load
 * generator's messages, so that the raw echo floor carries exactly as many bytes. Measured
 * with the transport's public encoder on representative values: a client address, a six-digit
 * reply id, a mid-range entity id.
 */
public final class CastyFrameSizes {

	/** An ask: {@code ShardEnvelope(entityId, AddAndGet(1, replyTo))} to the shard region. */
	public static final int ASK_REQUEST = measureAskRequest();

	/** A tell: {@code ShardEnvelope(entityId, AddPoints(1))} to the shard region. */
	public static final int TELL_REQUEST = measureTellRequest();

	/** A reply: a total, to the ask's temporary ref. */
	public static final int REPLY = measureReply();

	private static final String REPLY_PATH = "/temp/100000";

	private static final String ENTITY = "entity-500";

	private CastyFrameSizes() {
	}

	private static int measureAskRequest() {
		NodeAddress client = new NodeAddress("bench", "client-" + new UUID(0, 0), NodeAddress.NO_PORT);
		ActorRef<Integer> replyTo = new AbstractActorRef<>(new ActorAddress(client, REPLY_PATH)) {
			@Override
			public void tell(Integer message) {
			}
		};
		return size(ProtocolPaths.shardRegion(PointsAccount.SHARD_TYPE),
				new ShardEnvelope<>(ENTITY, new AddAndGet(1, replyTo)));
	}

	private static int measureTellRequest() {
		return size(ProtocolPaths.shardRegion(PointsAccount.SHARD_TYPE), new ShardEnvelope<>(ENTITY, new AddPoints(1)));
	}

	private static int measureReply() {
		return size(REPLY_PATH, 1_000);
	}

	private static int size(String path, Object message) {
		try (ActorSystem system = ActorSystem.create("bench")) {
			NettyTransport transport = new NettyTransport(system,
					ProtocolMessages.registry().register(PointsAccount.MESSAGES).build(), TransportSettings.defaults());
			try {
				return transport.encode(path, message).frame().length;
			}
			finally {
				transport.close();
			}
		}
	}
}
