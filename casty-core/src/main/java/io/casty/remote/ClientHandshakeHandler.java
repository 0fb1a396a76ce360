package io.casty.remote;

import io.casty.actor.NodeAddress;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * First handler of a connection this side opened: sends {@link Hello}; with a cluster secret,
 * checks the node's proof in its challenge and answers with its own; then waits for Welcome
 * (and hands over to an {@link InboundMessageHandler}) or Reject (and fails the association
 * with the node's reason). With a secret configured, a node that does not prove it is refused
 * here, so a client never talks to an impostor.
 */
final class ClientHandshakeHandler extends ChannelInboundHandlerAdapter {

	private final TransportContext context;

	private final Association association;

	private final byte[] nonce = ClusterSecret.nonce();

	private ScheduledFuture<?> timeout;

	private boolean nodeProvedSecret;

	ClientHandshakeHandler(TransportContext context, Association association) {
		this.context = context;
		this.association = association;
	}

	@Override
	public void channelActive(ChannelHandlerContext ctx) throws Exception {
		long millis = context.settings().handshakeTimeout().toMillis();
		timeout = ctx.executor().schedule(
				() -> fail(ctx, new HandshakeException(association.peer() + " did not answer the handshake within "
						+ millis + " ms")),
				millis, TimeUnit.MILLISECONDS);
		ctx.writeAndFlush(WireFormat.hello(ctx.alloc(), new Hello(WireFormat.PROTOCOL_VERSION, context.self(), nonce)));
		super.channelActive(ctx);
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		ByteBuf frame = (ByteBuf) msg;
		try {
			byte type = frame.isReadable() ? frame.readByte() : 0;
			if (type == WireFormat.CHALLENGE) {
				answerChallenge(ctx, frame);
			}
			else if (type == WireFormat.WELCOME) {
				welcomed(ctx, WireFormat.readWelcome(frame));
			}
			else if (type == WireFormat.REJECT) {
				fail(ctx, refusal(WireFormat.readReject(frame)));
			}
			else {
				fail(ctx, new HandshakeException(association.peer() + " answered the handshake with frame type " + type));
			}
		}
		catch (HandshakeException ex) {
			fail(ctx, ex);
		}
		finally {
			frame.release();
		}
	}

	/**
	 * A wrong system name gets a type of its own, so that a caller waiting for the cluster can
	 * tell it from a passing failure.
	 */
	private HandshakeException refusal(String reason) {
		Optional<SystemNameMismatchException> mismatch = SystemNameMismatchException.fromReject(association.peer(),
				context.self(), reason);
		if (mismatch.isPresent()) {
			return mismatch.get();
		}
		return new HandshakeException(association.peer() + " refused the connection: " + reason);
	}

	private void answerChallenge(ChannelHandlerContext ctx, ByteBuf frame) {
		ClusterSecret secret = context.settings().clusterSecret();
		if (secret == null) {
			throw new HandshakeException(association.peer()
					+ " requires the cluster secret; configure the cluster's secret on this side too");
		}
		byte[][] challenge = WireFormat.readChallenge(frame);
		byte[] nodeNonce = challenge[0];
		byte[] expected = secret.nodeProof(nonce, nodeNonce, association.peer().toString());
		if (!ClusterSecret.matches(expected, challenge[1])) {
			throw new HandshakeException(association.peer()
					+ " failed to prove the cluster secret (wrong secret on this side or on the node)");
		}
		nodeProvedSecret = true;
		byte[] proof = secret.peerProof(nodeNonce, nonce, context.self().toString());
		ctx.writeAndFlush(WireFormat.proof(ctx.alloc(), proof));
	}

	private void welcomed(ChannelHandlerContext ctx, NodeAddress declared) {
		if (context.settings().requiresAuthentication() && !nodeProvedSecret) {
			throw new HandshakeException(association.peer()
					+ " accepted the connection without proving the cluster secret; it has no secret configured");
		}
		timeout.cancel(false);
		ctx.pipeline().replace(this, InboundMessageHandler.NAME, new InboundMessageHandler(context, association));
		context.associations().outboundEstablished(association, ctx.channel(), declared);
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
		fail(ctx, cause);
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) throws Exception {
		fail(ctx, new HandshakeException(association.peer() + " closed the connection during the handshake"));
		super.channelInactive(ctx);
	}

	private void fail(ChannelHandlerContext ctx, Throwable cause) {
		if (timeout != null) {
			timeout.cancel(false);
		}
		context.associations().failed(association, cause);
		ctx.close();
	}
}
