package io.casty.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.casty.actor.ActorAddress;
import io.casty.actor.ActorRef;
import java.util.function.Function;

/** Writes a ref as its address string; reads it back through the receiving system's resolver. */
final class ActorRefSerializer extends Serializer<ActorRef<?>> {

	private final Function<ActorAddress, ActorRef<?>> resolver;

	ActorRefSerializer(Function<ActorAddress, ActorRef<?>> resolver) {
		super(false, true);
		this.resolver = resolver;
	}

	@Override
	public void write(Kryo kryo, Output output, ActorRef<?> ref) {
		output.writeString(ref.address().toString());
	}

	@Override
	public ActorRef<?> read(Kryo kryo, Input input, Class<? extends ActorRef<?>> type) {
		String address = input.readString();
		try {
			return resolver.apply(ActorAddress.parse(address));
		}
		catch (IllegalArgumentException ex) {
			throw new SerializationException("Received a malformed actor ref '" + address + "'", ex);
		}
	}
}
