package io.casty.remote;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * First handler of an accepted connection: expects a {@link Hello} within the handshake
 * timeout, answers Welcome and hands the connection to an {@link InboundMessageHandler}, or
 * answers Reject with the reason and closes. Anything before a valid Hello (random bytes, an
 * oversized frame, a message frame) closes the connection with one log line.
 */
final class ServerHandshakeHandler extends ChannelInboundHandlerAdapter {

	private static final Logger logger = LoggerFactory.getLogger(ServerHandshakeHandler.class);

	private final NettyTransport transport;

	private ScheduledFuture<?> timeout;

	private boolean refused;

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
			if (type != WireFormat.HELLO) {
				throw new HandshakeException("expected a handshake frame first, got frame type " + type);
			}
			Hello hello = WireFormat.readHello(frame);
			transport.checkHello(hello);
			timeout.cancel(false);
			Association association = new Association(hello.address());
			ctx.writeAndFlush(WireFormat.welcome(ctx.alloc(), transport.address(), transport.uid()));
			ctx.pipeline().replace(this, InboundMessageHandler.NAME, new InboundMessageHandler(transport, association));
			transport.inboundEstablished(association, ctx.channel());
		}
		catch (HandshakeException ex) {
			refuse(ctx, ex.getMessage());
		}
		finally {
			frame.release();
		}
	}

	private void refuse(ChannelHandlerContext ctx, String reason) {
		if (refused) {
			return;
		}
		refused = true;
		logger.warn("Refused connection from {}: {}", ctx.channel().remoteAddress(), reason);
		ctx.writeAndFlush(WireFormat.reject(ctx.alloc(), reason)).addListener(ChannelFutureListener.CLOSE);
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
		if (!refused) {
			refused = true;
			logger.warn("Closing connection from {} before its handshake: {}", ctx.channel().remoteAddress(),
					ConnectionProblems.describe(cause, transport.settings().maxFrameSize()));
		}
		ctx.close();
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) throws Exception {
		if (timeout != null) {
			timeout.cancel(false);
		}
		super.channelInactive(ctx);
	}
}
