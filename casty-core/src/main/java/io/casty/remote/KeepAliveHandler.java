package io.casty.remote;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reacts to an {@code IdleStateHandler} placed before it: sends a ping when this side wrote
 * nothing for a while (so a quiet but healthy connection is never idle at the other end), and
 * closes the connection with a log line when nothing at all arrived for the idle timeout.
 */
final class KeepAliveHandler extends ChannelDuplexHandler {

	private static final Logger logger = LoggerFactory.getLogger(KeepAliveHandler.class);

	private final Duration idleTimeout;

	KeepAliveHandler(Duration idleTimeout) {
		this.idleTimeout = idleTimeout;
	}

	@Override
	public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
		if (event instanceof IdleStateEvent idle && idle.state() == IdleState.WRITER_IDLE) {
			// Pings only once the handshake is done: a handshake handler would take one for garbage.
			if (ctx.pipeline().get(InboundMessageHandler.NAME) != null) {
				ctx.writeAndFlush(WireFormat.ping(ctx.alloc()), ctx.voidPromise());
			}
		}
		else if (event instanceof IdleStateEvent idle && idle.state() == IdleState.READER_IDLE) {
			logger.warn("Closing connection with {}: nothing received for {} ms (idle timeout)",
					ctx.channel().remoteAddress(), idleTimeout.toMillis());
			ctx.close();
		}
		else {
			super.userEventTriggered(ctx, event);
		}
	}
}
