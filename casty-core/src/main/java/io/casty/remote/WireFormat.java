package io.casty.remote;

import io.casty.actor.NodeAddress;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;

/**
 * The frame layout and the handshake frames; see {@code docs/protocol.md}.
 *
 * <pre>
 * +------------------+-------------+--------------------------+
 * | length: int32 BE | type: uint8 | body: (length - 1) bytes |
 * +------------------+-------------+--------------------------+
 * </pre>
 *
 * Handshake bodies are fixed binary layouts (so they never depend on message registrations);
 * message bodies are Kryo ({@link MessageCodec}).
 */
final class WireFormat {

	/** {@code "CSTY"}: the first four bytes of every Hello body. */
	static final int MAGIC = 0x43535459;

	/** Bumped on any incompatible change of the frame layout or the protocol messages. */
	static final int PROTOCOL_VERSION = 2;

	static final int LENGTH_FIELD_SIZE = 4;

	static final byte HELLO = 1;

	static final byte WELCOME = 2;

	static final byte REJECT = 3;

	/** From a node with a cluster secret: its nonce and its proof of the secret. */
	static final byte CHALLENGE = 4;

	/** The connecting peer's proof of the cluster secret. */
	static final byte PROOF = 5;

	/** Keeps an idle connection alive; carries nothing. */
	static final byte PING = 6;

	static final byte MESSAGE = 16;

	/** Longest string a handshake frame may carry, in bytes. */
	static final int MAX_HANDSHAKE_STRING = 1024;

	private WireFormat() {
	}

	static ByteBuf hello(ByteBufAllocator allocator, Hello hello) {
		ByteBuf frame = begin(allocator, HELLO);
		frame.writeInt(MAGIC);
		frame.writeShort(hello.protocolVersion());
		writeString(frame, hello.address().toString());
		frame.writeBytes(hello.nonce());
		return end(frame);
	}

	static Hello readHello(ByteBuf body) {
		if (body.readableBytes() < 4 || body.readInt() != MAGIC) {
			throw new HandshakeException("not a Casty peer (the handshake does not start with the Casty magic number)");
		}
		int version = readUnsignedShort(body);
		if (version != PROTOCOL_VERSION) {
			// Checked before the rest: a later version may lay the rest out differently.
			throw new HandshakeException("protocol version " + version + " is not supported (this node speaks "
					+ PROTOCOL_VERSION + "); use the same Casty version on clients and nodes");
		}
		NodeAddress address = readAddress(body);
		return new Hello(version, address, readExactly(body, ClusterSecret.NONCE_SIZE, "handshake"));
	}

	static ByteBuf welcome(ByteBufAllocator allocator, NodeAddress address) {
		ByteBuf frame = begin(allocator, WELCOME);
		writeString(frame, address.toString());
		return end(frame);
	}

	static NodeAddress readWelcome(ByteBuf body) {
		NodeAddress address = readAddress(body);
		if (body.isReadable()) {
			throw new HandshakeException("malformed handshake reply (bad length)");
		}
		return address;
	}

	static ByteBuf challenge(ByteBufAllocator allocator, byte[] nodeNonce, byte[] nodeProof) {
		ByteBuf frame = begin(allocator, CHALLENGE);
		frame.writeBytes(nodeNonce);
		frame.writeBytes(nodeProof);
		return end(frame);
	}

	/** @return the node's nonce and its proof */
	static byte[][] readChallenge(ByteBuf body) {
		if (body.readableBytes() != ClusterSecret.NONCE_SIZE + ClusterSecret.PROOF_SIZE) {
			throw new HandshakeException("malformed authentication challenge (bad length)");
		}
		byte[] nonce = new byte[ClusterSecret.NONCE_SIZE];
		byte[] proof = new byte[ClusterSecret.PROOF_SIZE];
		body.readBytes(nonce).readBytes(proof);
		return new byte[][] { nonce, proof };
	}

	static ByteBuf proof(ByteBufAllocator allocator, byte[] proof) {
		ByteBuf frame = begin(allocator, PROOF);
		frame.writeBytes(proof);
		return end(frame);
	}

	static byte[] readProof(ByteBuf body) {
		return readExactly(body, ClusterSecret.PROOF_SIZE, "authentication proof");
	}

	static ByteBuf ping(ByteBufAllocator allocator) {
		return end(begin(allocator, PING));
	}

	private static byte[] readExactly(ByteBuf body, int size, String what) {
		if (body.readableBytes() != size) {
			throw new HandshakeException("malformed " + what + " (bad length)");
		}
		byte[] bytes = new byte[size];
		body.readBytes(bytes);
		return bytes;
	}

	static ByteBuf reject(ByteBufAllocator allocator, String reason) {
		ByteBuf frame = begin(allocator, REJECT);
		writeString(frame, reason.length() > MAX_HANDSHAKE_STRING / 4 ? reason.substring(0, MAX_HANDSHAKE_STRING / 4) : reason);
		return end(frame);
	}

	static String readReject(ByteBuf body) {
		return readString(body);
	}

	/** Starts a frame: reserves the length field and writes the type. */
	static ByteBuf begin(ByteBufAllocator allocator, byte type) {
		ByteBuf frame = allocator.buffer(64);
		frame.writeInt(0);
		frame.writeByte(type);
		return frame;
	}

	/** Ends a frame: fills in the length field. */
	static ByteBuf end(ByteBuf frame) {
		frame.setInt(0, frame.writerIndex() - LENGTH_FIELD_SIZE);
		return frame;
	}

	private static NodeAddress readAddress(ByteBuf body) {
		String text = readString(body);
		try {
			return NodeAddress.parse(text);
		}
		catch (IllegalArgumentException ex) {
			throw new HandshakeException("malformed handshake: " + ex.getMessage());
		}
	}

	private static void writeString(ByteBuf frame, String value) {
		byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
		frame.writeShort(bytes.length);
		frame.writeBytes(bytes);
	}

	private static String readString(ByteBuf body) {
		int length = readUnsignedShort(body);
		if (length > MAX_HANDSHAKE_STRING || length > body.readableBytes()) {
			throw new HandshakeException("malformed handshake (string of " + length + " bytes)");
		}
		return body.readCharSequence(length, StandardCharsets.UTF_8).toString();
	}

	private static int readUnsignedShort(ByteBuf body) {
		if (body.readableBytes() < 2) {
			throw new HandshakeException("malformed handshake (truncated)");
		}
		return body.readUnsignedShort();
	}
}
