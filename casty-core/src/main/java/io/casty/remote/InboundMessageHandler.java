package io.casty.remote;

import io.casty.remote.MessageCodec.InboundMessage;
import io.casty.serialization.SerializationException;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.CorruptedFrameException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles an established connection: decodes each message frame and hands the message to
 * the local actor it names, on the network thread (no extra hop before the mailbox). A frame
 * that cannot be decoded, or names a class outside the allow-list, closes this connection and
 * only this one.
 */
final class InboundMessageHandler extends ChannelInboundHandlerAdapter {

	static final String NAME = "messages";

	// Under the transport's name, where operators look for its connection events.
	private static final Logger logger = LoggerFactory.getLogger(NettyTransport.class);

	private final TransportContext context;

	private final Association association;

	private Throwable failure;

	InboundMessageHandler(TransportContext context, Association association) {
		this.context = context;
		this.association = association;
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		ByteBuf frame = (ByteBuf) msg;
		try {
			if (!frame.isReadable()) {
				throw new CorruptedFrameException("empty frame");
			}
			byte type = frame.readByte();
			if (type == WireFormat.PING) {
				return;
			}
			if (type != WireFormat.MESSAGE) {
				throw new CorruptedFrameException("unexpected frame type " + type + " after the handshake");
			}
			InboundMessage inbound = context.codec().decode(frame);
			context.system().deliver(inbound.recipientPath(), inbound.message());
		}
		catch (SerializationException | CorruptedFrameException ex) {
			exceptionCaught(ctx, ex);
		}
		finally {
			frame.release();
		}
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
		if (failure == null) {
			failure = cause;
			context.connectionWarnings().warn(logger, "Closing connection with {}: {}", association,
					ConnectionProblems.describe(cause, context.settings().maxFrameSize()));
		}
		ctx.close();
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) throws Exception {
		context.associations().closed(association, failure);
		super.channelInactive(ctx);
	}
}
