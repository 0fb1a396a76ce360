package io.casty.benchmarks.load.hazelcast;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import java.io.IOException;
import java.util.Map;

/**
 * The entity's logic in Hazelcast: an entry processor that adds points to an account's total
 * where the entry lives, replying with the new total (asks) or nothing (tells). Serialized as
 * {@link IdentifiedDataSerializable}, Hazelcast's fastest option for its own types.
 */
public final class AddPoints implements EntryProcessor<String, Integer, Integer>, IdentifiedDataSerializable {

	private static final long serialVersionUID = 1L;

	private int amount;

	private boolean reply;

	/** For deserialization. */
	public AddPoints() {
	}

	/**
	 * @param reply whether to reply with the new total ({@code null} otherwise)
	 */
	public AddPoints(int amount, boolean reply) {
		this.amount = amount;
		this.reply = reply;
	}

	@Override
	public Integer process(Map.Entry<String, Integer> entry) {
		Integer current = entry.getValue();
		int total = (current == null ? 0 : current) + amount;
		entry.setValue(total);
		return reply ? total : null;
	}

	@Override
	public int getFactoryId() {
		return PointsSerializers.FACTORY_ID;
	}

	@Override
	public int getClassId() {
		return PointsSerializers.ADD_POINTS;
	}

	@Override
	public void writeData(ObjectDataOutput out) throws IOException {
		out.writeInt(amount);
		out.writeBoolean(reply);
	}

	@Override
	public void readData(ObjectDataInput in) throws IOException {
		amount = in.readInt();
		reply = in.readBoolean();
	}
}
