package io.casty.remote;

import io.casty.actor.NodeAddress;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLPeerUnverifiedException;
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

	private final TransportContext context;

	private ScheduledFuture<?> timeout;

	private boolean refused;

	/** Set once a Hello arrived from a peer that must still prove the cluster secret. */
	private Hello awaitingProof;

	private byte[] nodeNonce;

	ServerHandshakeHandler(TransportContext context) {
		this.context = context;
	}

	@Override
	public void channelActive(ChannelHandlerContext ctx) throws Exception {
		long millis = context.settings().handshakeTimeout().toMillis();
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
		checkHello(hello);
		checkPeerCertificate(hello, ctx.channel());
		ClusterSecret secret = context.settings().clusterSecret();
		if (secret == null) {
			accept(ctx, hello);
			return;
		}
		awaitingProof = hello;
		nodeNonce = ClusterSecret.nonce();
		byte[] nodeProof = secret.nodeProof(hello.nonce(), nodeNonce, context.self().toString());
		ctx.writeAndFlush(WireFormat.challenge(ctx.alloc(), nodeNonce, nodeProof));
	}

	private void checkHello(Hello hello) {
		NodeAddress self = context.self();
		if (!hello.address().system().equals(self.system())) {
			throw new HandshakeException(SystemNameMismatchException.rejectReason(hello.address(), self.system()));
		}
		if (hello.address().equals(self)) {
			throw new HandshakeException("peer claims this node's own address " + self);
		}
	}

	/**
	 * With TLS, a node that dials in must have proven its identity with a trusted certificate
	 * (mutual TLS); clients may connect without one.
	 */
	private static void checkPeerCertificate(Hello hello, Channel channel) {
		SslHandler tls = channel.pipeline().get(SslHandler.class);
		if (tls == null || !hello.address().isListening()) {
			return;
		}
		try {
			tls.engine().getSession().getPeerCertificates();
		}
		catch (SSLPeerUnverifiedException ex) {
			throw new HandshakeException("node " + hello.address()
					+ " presented no trusted certificate; nodes must use mutual TLS (give them a key in clientTls)");
		}
	}

	private void onProof(ChannelHandlerContext ctx, byte type, ByteBuf frame) {
		if (type != WireFormat.PROOF) {
			throw new HandshakeException("expected the proof of the cluster secret, got frame type " + type
					+ "; configure the cluster secret on " + awaitingProof.address());
		}
		byte[] expected = context.settings().clusterSecret()
			.peerProof(nodeNonce, awaitingProof.nonce(), awaitingProof.address().toString());
		if (!ClusterSecret.matches(expected, WireFormat.readProof(frame))) {
			throw new HandshakeException("peer " + awaitingProof.address()
					+ " failed to prove the cluster secret (wrong secret); configure the same secret on every node and client");
		}
		accept(ctx, awaitingProof);
	}

	private void accept(ChannelHandlerContext ctx, Hello hello) {
		timeout.cancel(false);
		Association association = new Association(hello.address(), context.settings().maxPendingWriteBytes());
		ctx.writeAndFlush(WireFormat.welcome(ctx.alloc(), context.self()));
		ctx.pipeline().replace(this, InboundMessageHandler.NAME, new InboundMessageHandler(context, association));
		context.associations().inboundEstablished(association, ctx.channel());
	}

	private void refuse(ChannelHandlerContext ctx, String reason) {
		if (refused) {
			return;
		}
		refused = true;
		context.connectionWarnings().warn(logger, "Refused connection from {}: {}", ctx.channel().remoteAddress(), reason);
		ctx.writeAndFlush(WireFormat.reject(ctx.alloc(), reason)).addListener(ChannelFutureListener.CLOSE);
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
		if (!refused) {
			refused = true;
			context.connectionWarnings().warn(logger, "Closing connection from {} before its handshake: {}",
					ctx.channel().remoteAddress(),
					ConnectionProblems.describe(cause, context.settings().maxFrameSize()));
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
			context.connectionWarnings().warn(logger, "Refused connection from {} ({}): it hung up instead of proving "
					+ "the cluster secret; it has a different secret", awaitingProof.address(), ctx.channel().remoteAddress());
		}
		super.channelInactive(ctx);
	}
}
