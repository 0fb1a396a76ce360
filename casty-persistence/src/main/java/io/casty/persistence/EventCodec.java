package io.casty.persistence;

import com.esotericsoftware.kryo.io.Output;
import io.casty.actor.ActorAddress;
import io.casty.serialization.MessageRegistry;
import io.casty.serialization.Serialization;
import io.casty.serialization.SerializationException;

/**
 * Events and snapshots to bytes and back, through the same allow-listed serialization as
 * messages: each value is stored with its class's wire id, so a class outside the allow-list is
 * never instantiated from the journal either.
 */
final class EventCodec {

	private static final int INITIAL_BUFFER = 256;

	private final Serialization serialization;

	private final ThreadLocal<Output> outputs = ThreadLocal.withInitial(() -> new Output(INITIAL_BUFFER, -1));

	EventCodec(MessageRegistry registry) {
		this.serialization = new Serialization(registry, EventCodec::noRefs);
	}

	private static io.casty.actor.ActorRef<?> noRefs(ActorAddress address) {
		throw new SerializationException("An event or snapshot holds an actor ref (" + address
				+ "); refs do not outlive their actor, so they cannot be persisted");
	}

	byte[] encode(Object value) {
		Output output = outputs.get();
		output.reset();
		serialization.write(output, value);
		return output.toBytes();
	}

	Object decode(byte[] bytes) {
		return serialization.read(Serialization.input(bytes));
	}
}
