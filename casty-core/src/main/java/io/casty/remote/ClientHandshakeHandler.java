package io.casty.remote;

import io.casty.actor.NodeAddress;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * First handler of a connection this side opened: sends {@link Hello}, waits for Welcome (then
 * hands over to an {@link InboundMessageHandler}) or Reject (then fails the association with
 * the peer's reason).
 */
final class ClientHandshakeHandler extends ChannelInboundHandlerAdapter {

	private final NettyTransport transport;

	private final Association association;

	private ScheduledFuture<?> timeout;

	ClientHandshakeHandler(NettyTransport transport, Association association) {
		this.transport = transport;
		this.association = association;
	}

	@Override
	public void channelActive(ChannelHandlerContext ctx) throws Exception {
		long millis = transport.settings().handshakeTimeout().toMillis();
		timeout = ctx.executor().schedule(
				() -> fail(ctx, new HandshakeException(association.peer() + " did not answer the handshake within "
						+ millis + " ms")),
				millis, TimeUnit.MILLISECONDS);
		ctx.writeAndFlush(WireFormat.hello(ctx.alloc(), transport.hello()));
		super.channelActive(ctx);
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		ByteBuf frame = (ByteBuf) msg;
		try {
			byte type = frame.isReadable() ? frame.readByte() : 0;
			if (type == WireFormat.WELCOME) {
				NodeAddress peer = WireFormat.readWelcome(frame);
				timeout.cancel(false);
				ctx.pipeline().replace(this, InboundMessageHandler.NAME, new InboundMessageHandler(transport, association));
				transport.outboundEstablished(association, ctx.channel(), peer);
			}
			else if (type == WireFormat.REJECT) {
				fail(ctx, new HandshakeException(association.peer() + " refused the connection: "
						+ WireFormat.readReject(frame)));
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
		transport.associationFailed(association, cause);
		ctx.close();
	}
}
