package io.casty.benchmarks.load.hazelcast;

import com.hazelcast.nio.serialization.DataSerializableFactory;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;

/** Creates the benchmark's {@link IdentifiedDataSerializable} types; registered on member and client. */
public final class PointsSerializers implements DataSerializableFactory {

	static final int FACTORY_ID = 1_000;

	static final int ADD_POINTS = 1;

	@Override
	public IdentifiedDataSerializable create(int typeId) {
		return typeId == ADD_POINTS ? new AddPoints() : null;
	}
}
