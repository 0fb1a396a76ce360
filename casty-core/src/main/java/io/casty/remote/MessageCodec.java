package io.casty.remote;

import com.esotericsoftware.kryo.io.ByteBufferInput;
import com.esotericsoftware.kryo.io.KryoBufferOverflowException;
import com.esotericsoftware.kryo.io.Output;
import io.casty.serialization.MessageTooLargeException;
import io.casty.serialization.Serialization;
import io.casty.serialization.SerializationException;
import io.netty.buffer.ByteBuf;
import java.util.Arrays;

/**
 * Encodes and decodes {@link WireFormat#MESSAGE} frames: the recipient's path followed by the
 * message, both Kryo-encoded.
 *
 * <p>Encoding happens on the sending thread into a per-thread buffer, so a message that cannot be
 * sent (unregistered class, too large) fails at the caller before anything is queued. The frame
 * leaves as a plain byte array: the sending thread is often not a network thread, and taking a
 * pooled buffer there costs more than the copy (see {@link Association}, which gathers many
 * frames into one network buffer on the network thread).
 */
final class MessageCodec {

	/** Frame length counts the type byte. */
	private static final int TYPE_SIZE = 1;

	/** The length field and the type byte, ahead of the body. */
	private static final int HEADER_SIZE = WireFormat.LENGTH_FIELD_SIZE + TYPE_SIZE;

	/** Smaller than the smallest allowed maximum frame size. */
	private static final int INITIAL_BUFFER = 512;

	private final Serialization serialization;

	private final int maxFrameSize;

	/** One output per sending thread: a shared pool would take a lock per message. */
	private final ThreadLocal<Output> outputs;

	private final ThreadLocal<LastPath> lastPaths = ThreadLocal.withInitial(LastPath::new);

	/** One input per receiving thread, pointed at each frame in turn. */
	private final ThreadLocal<ByteBufferInput> inputs = ThreadLocal.withInitial(() -> Serialization.input(new byte[0]));

	MessageCodec(Serialization serialization, int maxFrameSize) {
		this.serialization = serialization;
		this.maxFrameSize = maxFrameSize;
		this.outputs = ThreadLocal.withInitial(() -> new Output(INITIAL_BUFFER, maxOutputSize()));
	}

	/** A whole frame at most: the length field, then at most the maximum frame size. */
	private int maxOutputSize() {
		return WireFormat.LENGTH_FIELD_SIZE + maxFrameSize;
	}

	/** The whole frame, length field included, ready to be written. */
	byte[] encode(String recipientPath, Object message) {
		Output output = outputs.get();
		try {
			output.reset();
			output.setPosition(HEADER_SIZE);
			writePath(output, recipientPath);
			serialization.write(output, message);
			byte[] frame = Arrays.copyOf(output.getBuffer(), output.position());
			writeHeader(frame);
			return frame;
		}
		catch (KryoBufferOverflowException ex) {
			throw new MessageTooLargeException(message.getClass().getName(), maxFrameSize);
		}
		catch (SerializationException ex) {
			if (ex.getCause() instanceof KryoBufferOverflowException) {
				throw new MessageTooLargeException(message.getClass().getName(), maxFrameSize);
			}
			throw ex;
		}
		finally {
			if (output.getBuffer().length > 64 * 1024) {
				// Do not keep a buffer grown for one large message.
				output.setBuffer(new byte[INITIAL_BUFFER], maxOutputSize());
			}
		}
	}

	/** The length field (big-endian, counting the type byte and the body) and the type byte. */
	private static void writeHeader(byte[] frame) {
		int length = frame.length - WireFormat.LENGTH_FIELD_SIZE;
		frame[0] = (byte) (length >>> 24);
		frame[1] = (byte) (length >>> 16);
		frame[2] = (byte) (length >>> 8);
		frame[3] = (byte) length;
		frame[WireFormat.LENGTH_FIELD_SIZE] = WireFormat.MESSAGE;
	}

	/**
	 * Writes the recipient's path as a Kryo string. A thread that sends to the same path twice
	 * in a row (a client to an entity type's region, over and over) keeps its encoding and
	 * copies it from then on; a path seen once (an ask's reply address) costs nothing extra.
	 */
	private void writePath(Output output, String path) {
		LastPath last = lastPaths.get();
		if (!path.equals(last.path)) {
			last.path = path;
			last.encoded = null;
			output.writeString(path);
			return;
		}
		if (last.encoded == null) {
			int start = output.position();
			output.writeString(path);
			last.encoded = Arrays.copyOfRange(output.getBuffer(), start, output.position());
			return;
		}
		output.writeBytes(last.encoded);
	}

	/** Per sending thread: the last recipient path, and its encoding once it came twice. */
	private static final class LastPath {

		String path = "";

		byte[] encoded;
	}

	/** Decodes the body of a message frame (the type byte already read). */
	InboundMessage decode(ByteBuf body) {
		ByteBufferInput input = inputs.get();
		input.setBuffer(body.nioBuffer());
		String path;
		try {
			path = input.readString();
		}
		catch (RuntimeException ex) {
			throw new SerializationException("Received a malformed message frame (unreadable recipient)", ex);
		}
		if (path == null || !path.startsWith("/")) {
			throw new SerializationException("Received a malformed message frame (recipient '" + path + "')");
		}
		Object message = serialization.read(input);
		if (input.position() != body.readableBytes()) {
			throw new SerializationException("Received a malformed message frame ("
					+ (body.readableBytes() - input.position()) + " trailing bytes after " + message.getClass().getName() + ")");
		}
		return new InboundMessage(path, message);
	}

	record InboundMessage(String recipientPath, Object message) {
	}
}
