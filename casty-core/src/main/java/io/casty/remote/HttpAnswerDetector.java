package io.casty.remote;

import io.casty.actor.NodeAddress;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Goes right before the framing of a connection this side opened, and looks at the first bytes
 * the peer sends. A web server (a port such as Spring's actuator, given where a node's cluster
 * port belongs) answers the Hello with an HTTP error, whose {@code "HTTP"} the framing would
 * read as the length of a 1.2 GB frame; this fails the handshake saying what answered instead.
 * Anything else goes on to the framing, and this handler leaves the pipeline.
 */
final class HttpAnswerDetector extends ByteToMessageDecoder {

	/** How every HTTP/1.x status line starts. */
	private static final byte[] HTTP = "HTTP/".getBytes(StandardCharsets.US_ASCII);

	private final NodeAddress peer;

	private boolean answeredHttp;

	HttpAnswerDetector(NodeAddress peer) {
		this.peer = peer;
	}

	@Override
	protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
		if (answeredHttp) {
			in.skipBytes(in.readableBytes());
			return;
		}
		if (in.readableBytes() < HTTP.length) {
			return;
		}
		if (!startsWithHttp(in)) {
			// Removing a decoder hands what it holds to the next handler, the framing.
			ctx.pipeline().remove(this);
			return;
		}
		answeredHttp = true;
		in.skipBytes(in.readableBytes());
		ctx.fireExceptionCaught(new HandshakeException(peer.hostPort() + " answered with HTTP: it is a web port, "
				+ "not a Casty node's cluster port (casty.node.port, 25520 by default)"));
	}

	private static boolean startsWithHttp(ByteBuf in) {
		for (int i = 0; i < HTTP.length; i++) {
			if (in.getByte(in.readerIndex() + i) != HTTP[i]) {
				return false;
			}
		}
		return true;
	}
}
