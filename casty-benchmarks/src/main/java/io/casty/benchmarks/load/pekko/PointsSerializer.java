package io.casty.benchmarks.load.pekko;

import io.casty.benchmarks.load.pekko.PointsProtocol.AddAndGet;
import io.casty.benchmarks.load.pekko.PointsProtocol.AddPoints;
import io.casty.benchmarks.load.pekko.PointsProtocol.GetPoints;
import java.io.NotSerializableException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.serialization.SerializerWithStringManifest;

/**
 * A hand-written binary serializer for the account messages: the fastest thing Pekko can be
 * given (Java serialization is off by default, and Jackson would be slower), so the comparison
 * does not hold Pekko back.
 *
 * <pre>| amount: int32 (adds only) | entity id: UTF-8, to the end |</pre>
 */
public final class PointsSerializer extends SerializerWithStringManifest {

	private static final String ADD_POINTS = "A";

	private static final String ADD_AND_GET = "G";

	private static final String GET_POINTS = "T";

	/** Pekko instantiates serializers with the system. */
	public PointsSerializer(ExtendedActorSystem system) {
	}

	@Override
	public int identifier() {
		return 8_472_001;
	}

	@Override
	public String manifest(Object message) {
		if (message instanceof AddPoints) {
			return ADD_POINTS;
		}
		if (message instanceof AddAndGet) {
			return ADD_AND_GET;
		}
		return GET_POINTS;
	}

	@Override
	public byte[] toBinary(Object message) {
		if (message instanceof AddPoints add) {
			return withAmount(add.amount(), add.entityId());
		}
		if (message instanceof AddAndGet add) {
			return withAmount(add.amount(), add.entityId());
		}
		return ((GetPoints) message).entityId().getBytes(StandardCharsets.UTF_8);
	}

	@Override
	public Object fromBinary(byte[] bytes, String manifest) throws NotSerializableException {
		switch (manifest) {
			case ADD_POINTS:
				return new AddPoints(entityId(bytes, Integer.BYTES), ByteBuffer.wrap(bytes).getInt());
			case ADD_AND_GET:
				return new AddAndGet(entityId(bytes, Integer.BYTES), ByteBuffer.wrap(bytes).getInt());
			case GET_POINTS:
				return new GetPoints(entityId(bytes, 0));
			default:
				throw new NotSerializableException("unknown manifest '" + manifest + "'");
		}
	}

	private static byte[] withAmount(int amount, String entityId) {
		byte[] id = entityId.getBytes(StandardCharsets.UTF_8);
		return ByteBuffer.allocate(Integer.BYTES + id.length).putInt(amount).put(id).array();
	}

	private static String entityId(byte[] bytes, int offset) {
		return new String(bytes, offset, bytes.length - offset, StandardCharsets.UTF_8);
	}
}
