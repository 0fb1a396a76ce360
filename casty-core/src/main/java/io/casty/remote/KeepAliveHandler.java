package io.casty.remote;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a healthy connection from looking idle, and closes one that is: sends a ping every third
 * of the idle timeout once the handshake is done, and closes the connection with a log line when
 * the {@code IdleStateHandler} placed before it reports that nothing arrived for the idle
 * timeout. Pings go out on a timer rather than after write-idle detection, which would put a
 * listener on every write of the hot path.
 */
final class KeepAliveHandler extends ChannelInboundHandlerAdapter {

	private static final Logger logger = LoggerFactory.getLogger(KeepAliveHandler.class);

	private final Duration idleTimeout;

	private ScheduledFuture<?> pings;

	KeepAliveHandler(Duration idleTimeout) {
		this.idleTimeout = idleTimeout;
	}

	@Override
	public void channelActive(ChannelHandlerContext ctx) throws Exception {
		long period = Math.max(1, idleTimeout.toMillis() / 3);
		pings = ctx.executor().scheduleAtFixedRate(() -> ping(ctx), period, period, TimeUnit.MILLISECONDS);
		super.channelActive(ctx);
	}

	private static void ping(ChannelHandlerContext ctx) {
		// Only once the handshake is done: a handshake handler would take a ping for garbage.
		if (ctx.channel().isActive() && ctx.pipeline().get(InboundMessageHandler.NAME) != null) {
			ctx.writeAndFlush(WireFormat.ping(ctx.alloc()), ctx.voidPromise());
		}
	}

	@Override
	public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
		if (event instanceof IdleStateEvent idle && idle.state() == IdleState.READER_IDLE) {
			logger.warn("Closing connection with {}: nothing received for {} ms (idle timeout)",
					ctx.channel().remoteAddress(), idleTimeout.toMillis());
			ctx.close();
		}
		else {
			super.userEventTriggered(ctx, event);
		}
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) throws Exception {
		if (pings != null) {
			pings.cancel(false);
		}
		super.channelInactive(ctx);
	}
}
