package io.casty.serialization;

import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.ByteBufferInput;
import com.esotericsoftware.kryo.io.Input;
import java.nio.ByteBuffer;

/**
 * A Kryo input that refuses a length larger than the bytes left. Kryo allocates a string's,
 * array's or collection's storage from the length written in front of it before reading the
 * elements, so without this a ten-byte message claiming a billion characters would exhaust the
 * heap. Every element takes at least one byte, so a length beyond what is left is a lie.
 */
final class BoundedInput extends ByteBufferInput {

	BoundedInput(ByteBuffer buffer) {
		super(buffer);
	}

	/** The bytes not read yet. */
	static int remaining(Input input) {
		return input.limit() - input.position();
	}

	static void checkLength(Input input, long length, String what) {
		if (length < 0 || length > remaining(input)) {
			throw new KryoException(what + " of length " + length + " claims more than the " + remaining(input)
					+ " bytes left in the message");
		}
	}

	@Override
	public String readString() {
		int start = position();
		if (readVarIntFlag()) {
			// Not ASCII: a varint holds the character count plus one (0 is null, 1 is empty).
			long chars = (readVarIntFlag(true) & 0xFFFFFFFFL) - 1;
			if (chars > 0) {
				checkLength(this, chars, "a string");
			}
			setPosition(start);
		}
		return super.readString();
	}

	@Override
	public byte[] readBytes(int length) {
		checkLength(this, length, "a byte array");
		return super.readBytes(length);
	}

	@Override
	public int[] readInts(int length, boolean optimizePositive) {
		checkLength(this, length, "an int array");
		return super.readInts(length, optimizePositive);
	}

	@Override
	public long[] readLongs(int length, boolean optimizePositive) {
		checkLength(this, length, "a long array");
		return super.readLongs(length, optimizePositive);
	}
}
