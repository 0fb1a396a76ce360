package io.casty.benchmarks.load.raw;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * The floor's server: Netty on NIO (as Casty's transport), length-prefixed frames, and the
 * entities reduced to an array of totals updated on the network thread. Replies are written as
 * requests are read and flushed once per read batch.
 */
final class EchoServer implements AutoCloseable {

	private final EventLoopGroup group;

	private final Channel channel;

	private final AtomicIntegerArray totals;

	EchoServer(String host, int port, int entities) throws InterruptedException {
		this.totals = new AtomicIntegerArray(entities);
		this.group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("echo-server", true),
				EchoSockets.handlers());
		this.channel = new ServerBootstrap().group(group)
			.channel(EchoSockets.serverChannel())
			.childOption(ChannelOption.TCP_NODELAY, true)
			.childHandler(new ChannelInitializer<SocketChannel>() {
				@Override
				protected void initChannel(SocketChannel channel) {
					channel.pipeline()
						.addLast(new LengthFieldBasedFrameDecoder(1 << 20, 0, EchoFrames.LENGTH_FIELD, 0,
								EchoFrames.LENGTH_FIELD))
						.addLast(new Handler());
				}
			})
			.bind(host, port)
			.sync()
			.channel();
	}

	private final class Handler extends ChannelInboundHandlerAdapter {

		@Override
		public void channelRead(ChannelHandlerContext ctx, Object msg) {
			ByteBuf frame = (ByteBuf) msg;
			try {
				byte op = frame.readByte();
				int entity = frame.readInt();
				if (op == EchoFrames.ADD) {
					totals.incrementAndGet(entity);
				}
				else if (op == EchoFrames.ADD_AND_GET) {
					ctx.write(EchoFrames.reply(ctx.alloc(), totals.incrementAndGet(entity)), ctx.voidPromise());
				}
				else {
					ctx.write(EchoFrames.reply(ctx.alloc(), totals.get(entity)), ctx.voidPromise());
				}
			}
			finally {
				frame.release();
			}
		}

		@Override
		public void channelReadComplete(ChannelHandlerContext ctx) {
			ctx.flush();
		}
	}

	@Override
	public void close() {
		channel.close().syncUninterruptibly();
		group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
	}
}
