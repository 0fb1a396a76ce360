package io.casty.benchmarks.load.raw;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * The raw echo's frames, padded to the sizes of Casty's frames for the same messages
 * ({@link CastyFrameSizes}) so that the floor moves the same bytes.
 *
 * <pre>
 * request: | length: int32 | op: uint8 | entity: int32 | zero padding |
 * reply:   | length: int32 | total: int32 | zero padding |
 * </pre>
 */
final class EchoFrames {

	static final int LENGTH_FIELD = 4;

	/** Adds a point and replies with the new total. */
	static final byte ADD_AND_GET = 1;

	/** Adds a point; no reply. */
	static final byte ADD = 2;

	/** Replies with the total. */
	static final byte GET = 3;

	private static final int REQUEST_HEADER = LENGTH_FIELD + 1 + Integer.BYTES;

	private static final int REPLY_HEADER = LENGTH_FIELD + Integer.BYTES;

	private EchoFrames() {
	}

	static ByteBuf request(ByteBufAllocator allocator, byte op, int entity) {
		int size = Math.max(REQUEST_HEADER, op == ADD ? CastyFrameSizes.TELL_REQUEST : CastyFrameSizes.ASK_REQUEST);
		ByteBuf frame = allocator.buffer(size);
		frame.writeInt(size - LENGTH_FIELD);
		frame.writeByte(op);
		frame.writeInt(entity);
		frame.writeZero(size - REQUEST_HEADER);
		return frame;
	}

	static ByteBuf reply(ByteBufAllocator allocator, int total) {
		int size = Math.max(REPLY_HEADER, CastyFrameSizes.REPLY);
		ByteBuf frame = allocator.buffer(size);
		frame.writeInt(size - LENGTH_FIELD);
		frame.writeInt(total);
		frame.writeZero(size - REPLY_HEADER);
		return frame;
	}
}
