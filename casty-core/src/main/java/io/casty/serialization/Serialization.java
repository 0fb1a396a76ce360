package io.casty.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.ByteBufferInput;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.util.DefaultInstantiatorStrategy;
import io.casty.actor.ActorAddress;
import io.casty.actor.ActorRef;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.function.Function;
import org.objenesis.strategy.StdInstantiatorStrategy;

/**
 * Turns messages into bytes and back with Kryo, accepting only the classes of a
 * {@link MessageRegistry}.
 *
 * <p>Kryo instances are not thread-safe and costly to build, so each thread that serializes
 * keeps one (a pool would take a lock per message): any thread may call {@link #write} and
 * {@link #read} concurrently. Object references are not tracked
 * (messages are trees of values), which keeps the encoding small and fast.
 */
public final class Serialization {

	private static final String KRYO_UNREGISTERED = "Class is not registered: ";

	private final MessageRegistry registry;

	private final Function<ActorAddress, ActorRef<?>> refResolver;

	private final ThreadLocal<Kryo> kryos = ThreadLocal.withInitial(this::newKryo);

	/**
	 * @param registry the classes allowed on the wire
	 * @param refResolver turns an address read from the wire into a ref of the receiving system
	 */
	public Serialization(MessageRegistry registry, Function<ActorAddress, ActorRef<?>> refResolver) {
		this.registry = Objects.requireNonNull(registry, "registry");
		this.refResolver = Objects.requireNonNull(refResolver, "refResolver");
	}

	public MessageRegistry registry() {
		return registry;
	}

	private Kryo newKryo() {
		Kryo kryo = new Kryo(new AllowListClassResolver(), null);
		kryo.setRegistrationRequired(true);
		kryo.setReferences(false);
		kryo.setInstantiatorStrategy(new DefaultInstantiatorStrategy(new StdInstantiatorStrategy()));
		BoundedSerializers.install(kryo);
		kryo.register(ActorRef.class, new ActorRefSerializer(refResolver), MessageRegistry.wireId(ActorRef.class));
		// Former names first: a class's last registration is the id it is written with.
		registry.formerNamesById().forEach((id, type) -> register(kryo, type, id));
		registry.classesById().forEach((id, type) -> register(kryo, type, id));
		return kryo;
	}

	private static void register(Kryo kryo, Class<?> type, int id) {
		if (type.isRecord()) {
			kryo.register(type, RecordHandlesSerializer.of(kryo, type), id);
		}
		else {
			kryo.register(type, id);
		}
	}

	/**
	 * Writes a message and its class id.
	 *
	 * @throws UnregisteredMessageClassException when the message, or an object inside it, is of
	 *     a class outside the allow-list
	 * @throws SerializationException when Kryo fails for another reason
	 */
	public void write(Output output, Object message) {
		Kryo kryo = kryos.get();
		try {
			kryo.writeClassAndObject(output, message);
		}
		catch (IllegalArgumentException ex) {
			throw unregistered(ex, message);
		}
		catch (KryoException ex) {
			if (ex.getCause() instanceof IllegalArgumentException cause) {
				throw unregistered(cause, message);
			}
			throw new SerializationException("Could not serialize " + message.getClass().getName() + ": "
					+ ex.getMessage(), ex);
		}
	}

	/**
	 * An input over received bytes that refuses lengths larger than the bytes left (see
	 * {@link BoundedInput}); every read of network bytes goes through one.
	 */
	public static ByteBufferInput input(ByteBuffer bytes) {
		return new BoundedInput(bytes);
	}

	/** {@link #input(ByteBuffer)} over an array. */
	public static ByteBufferInput input(byte[] bytes) {
		return input(ByteBuffer.wrap(bytes));
	}

	/**
	 * Reads a message written by {@link #write}, from an {@link #input} over received bytes.
	 *
	 * @throws DisallowedClassException when the bytes name a class outside the allow-list
	 * @throws SerializationException when the bytes are not a valid message
	 */
	public Object read(Input input) {
		Kryo kryo = kryos.get();
		try {
			Object message = kryo.readClassAndObject(input);
			if (message == null) {
				throw new SerializationException("Received a null message");
			}
			return message;
		}
		catch (SerializationException ex) {
			throw ex;
		}
		catch (KryoException ex) {
			SerializationException typed = findCause(ex, SerializationException.class);
			if (typed != null) {
				throw typed;
			}
			throw new SerializationException("Received a malformed message: " + firstLine(ex.getMessage()), ex);
		}
		catch (RuntimeException ex) {
			throw new SerializationException("Received a malformed message: " + ex, ex);
		}
	}

	private static SerializationException unregistered(IllegalArgumentException ex, Object message) {
		String text = String.valueOf(ex.getMessage());
		if (text.startsWith(KRYO_UNREGISTERED)) {
			return new UnregisteredMessageClassException(firstLine(text.substring(KRYO_UNREGISTERED.length())).trim());
		}
		return new SerializationException("Could not serialize " + message.getClass().getName() + ": " + text, ex);
	}

	private static <T extends Throwable> T findCause(Throwable ex, Class<T> type) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return type.cast(cause);
			}
		}
		return null;
	}

	private static String firstLine(String text) {
		if (text == null) {
			return "";
		}
		int newline = text.indexOf('\n');
		return newline < 0 ? text : text.substring(0, newline);
	}
}
