package io.casty.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.casty.actor.ActorAddress;
import io.casty.actor.ActorRef;
import io.casty.actor.NodeAddress;
import java.util.function.Function;

/**
 * Writes a ref as its address string; reads it back through the receiving system's resolver.
 * One per Kryo instance, so per thread: it remembers the node part of the last address it read,
 * since the reply addresses arriving on one connection all name the same client.
 */
final class ActorRefSerializer extends Serializer<ActorRef<?>> {

	private final Function<ActorAddress, ActorRef<?>> resolver;

	private String lastNodeText;

	private NodeAddress lastNode;

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
			return resolver.apply(parse(address));
		}
		catch (IllegalArgumentException | NullPointerException ex) {
			throw new SerializationException("Received a malformed actor ref '" + address + "'", ex);
		}
	}

	private ActorAddress parse(String text) {
		String nodeText = lastNodeText;
		if (nodeText != null && text.length() > nodeText.length() && text.charAt(nodeText.length()) == '/'
				&& text.startsWith(nodeText)) {
			return new ActorAddress(lastNode, text.substring(nodeText.length()));
		}
		ActorAddress parsed = ActorAddress.parse(text);
		lastNodeText = text.substring(0, text.length() - parsed.path().length());
		lastNode = parsed.node();
		return parsed;
	}
}
