package io.casty.remote;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * First handler of an accepted connection: expects a {@link Hello} within the handshake
 * timeout; with a cluster secret, answers a challenge and expects the peer's proof; then
 * answers Welcome and hands the connection to an {@link InboundMessageHandler}. Anything else
 * (random bytes, an oversized frame, a wrong system name or secret, a message frame) is
 * answered with Reject and the reason where possible, and closes the connection with one log
 * line.
 */
final class ServerHandshakeHandler extends ChannelInboundHandlerAdapter {

	private static final Logger logger = LoggerFactory.getLogger(ServerHandshakeHandler.class);

	private final NettyTransport transport;

	private ScheduledFuture<?> timeout;

	private boolean refused;

	/** Set once a Hello arrived from a peer that must still prove the cluster secret. */
	private Hello awaitingProof;

	private byte[] nodeNonce;

	ServerHandshakeHandler(NettyTransport transport) {
		this.transport = transport;
	}

	@Override
	public void channelActive(ChannelHandlerContext ctx) throws Exception {
		long millis = transport.settings().handshakeTimeout().toMillis();
		timeout = ctx.executor().schedule(() -> refuse(ctx, "no handshake within " + millis + " ms"), millis,
				TimeUnit.MILLISECONDS);
		super.channelActive(ctx);
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		ByteBuf frame = (ByteBuf) msg;
		try {
			if (refused) {
				return;
			}
			if (!frame.isReadable()) {
				throw new HandshakeException("received an empty frame instead of a handshake");
			}
			byte type = frame.readByte();
			if (awaitingProof != null) {
				onProof(ctx, type, frame);
			}
			else {
				onHello(ctx, type, frame);
			}
		}
		catch (HandshakeException ex) {
			refuse(ctx, ex.getMessage());
		}
		finally {
			frame.release();
		}
	}

	private void onHello(ChannelHandlerContext ctx, byte type, ByteBuf frame) {
		if (type != WireFormat.HELLO) {
			throw new HandshakeException("expected a handshake frame first, got frame type " + type);
		}
		Hello hello = WireFormat.readHello(frame);
		transport.checkHello(hello);
		transport.checkPeerCertificate(hello, ctx.channel());
		ClusterSecret secret = transport.settings().clusterSecret();
		if (secret == null) {
			accept(ctx, hello);
			return;
		}
		awaitingProof = hello;
		nodeNonce = ClusterSecret.nonce();
		byte[] nodeProof = secret.nodeProof(hello.nonce(), nodeNonce, transport.address().toString());
		ctx.writeAndFlush(WireFormat.challenge(ctx.alloc(), nodeNonce, nodeProof));
	}

	private void onProof(ChannelHandlerContext ctx, byte type, ByteBuf frame) {
		if (type != WireFormat.PROOF) {
			throw new HandshakeException("expected the proof of the cluster secret, got frame type " + type
					+ "; configure the cluster secret on " + awaitingProof.address());
		}
		byte[] expected = transport.settings().clusterSecret()
			.peerProof(nodeNonce, awaitingProof.nonce(), awaitingProof.address().toString());
		if (!ClusterSecret.matches(expected, WireFormat.readProof(frame))) {
			throw new HandshakeException("peer " + awaitingProof.address()
					+ " failed to prove the cluster secret (wrong secret); configure the same secret on every node and client");
		}
		accept(ctx, awaitingProof);
	}

	private void accept(ChannelHandlerContext ctx, Hello hello) {
		timeout.cancel(false);
		Association association = new Association(hello.address(), transport.settings().maxPendingWriteBytes());
		ctx.writeAndFlush(WireFormat.welcome(ctx.alloc(), transport.address()));
		ctx.pipeline().replace(this, InboundMessageHandler.NAME, new InboundMessageHandler(transport, association));
		transport.inboundEstablished(association, ctx.channel());
	}

	private void refuse(ChannelHandlerContext ctx, String reason) {
		if (refused) {
			return;
		}
		refused = true;
		transport.connectionWarnings().warn(logger, "Refused connection from {}: {}", ctx.channel().remoteAddress(), reason);
		ctx.writeAndFlush(WireFormat.reject(ctx.alloc(), reason)).addListener(ChannelFutureListener.CLOSE);
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
		if (!refused) {
			refused = true;
			transport.connectionWarnings().warn(logger, "Closing connection from {} before its handshake: {}",
					ctx.channel().remoteAddress(),
					ConnectionProblems.describe(cause, transport.settings().maxFrameSize()));
		}
		ctx.close();
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) throws Exception {
		if (timeout != null) {
			timeout.cancel(false);
		}
		if (awaitingProof != null && !refused) {
			// The peer checks this node's proof first and hangs up when it does not match.
			transport.connectionWarnings().warn(logger, "Refused connection from {} ({}): it hung up instead of proving "
					+ "the cluster secret; it has a different secret", awaitingProof.address(), ctx.channel().remoteAddress());
		}
		super.channelInactive(ctx);
	}
}
