package io.casty.benchmarks.load.raw;

import io.casty.benchmarks.load.Target;
import io.netty.bootstrap.Bootstrap;
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
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The floor's client: one connection; replies come back in request order, so correlation is a
 * FIFO of futures. Senders on any thread queue frames and one drain task on the event loop
 * writes them all and flushes once (the same write coalescing as Casty's transport). Replies
 * complete on the network thread: the floor takes no thread hop.
 */
final class EchoClient implements Target {

	private record Outgoing(ByteBuf frame, CompletableFuture<Integer> reply) {
	}

	private final EventLoopGroup group;

	private final Channel channel;

	private final Queue<Outgoing> outgoing = new ConcurrentLinkedQueue<>();

	private final AtomicBoolean drainScheduled = new AtomicBoolean();

	// Only touched on the event loop: the drain adds, the reply handler polls.
	private final Queue<CompletableFuture<Integer>> awaitingReply = new ArrayDeque<>();

	EchoClient(String host, int port) throws InterruptedException {
		this.group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("echo-client", true),
				EchoSockets.handlers());
		this.channel = new Bootstrap().group(group)
			.channel(EchoSockets.channel())
			.option(ChannelOption.TCP_NODELAY, true)
			.handler(new ChannelInitializer<SocketChannel>() {
				@Override
				protected void initChannel(SocketChannel channel) {
					channel.pipeline()
						.addLast(new LengthFieldBasedFrameDecoder(1 << 20, 0, EchoFrames.LENGTH_FIELD, 0,
								EchoFrames.LENGTH_FIELD))
						.addLast(new ReplyHandler());
				}
			})
			.connect(host, port)
			.sync()
			.channel();
	}

	@Override
	public CompletionStage<Integer> addAndGet(int entity) {
		return send(EchoFrames.ADD_AND_GET, entity);
	}

	@Override
	public void add(int entity) {
		outgoing.offer(new Outgoing(EchoFrames.request(channel.alloc(), EchoFrames.ADD, entity), null));
		scheduleDrain();
	}

	@Override
	public CompletionStage<Integer> total(int entity, Duration timeout) {
		return send(EchoFrames.GET, entity);
	}

	private CompletionStage<Integer> send(byte op, int entity) {
		CompletableFuture<Integer> reply = new CompletableFuture<>();
		outgoing.offer(new Outgoing(EchoFrames.request(channel.alloc(), op, entity), reply));
		scheduleDrain();
		return reply;
	}

	private void scheduleDrain() {
		if (drainScheduled.compareAndSet(false, true)) {
			channel.eventLoop().execute(this::drain);
		}
	}

	private void drain() {
		drainScheduled.set(false);
		Outgoing next;
		boolean wrote = false;
		while ((next = outgoing.poll()) != null) {
			if (next.reply() != null) {
				awaitingReply.add(next.reply());
			}
			channel.write(next.frame(), channel.voidPromise());
			wrote = true;
		}
		if (wrote) {
			channel.flush();
		}
	}

	private final class ReplyHandler extends ChannelInboundHandlerAdapter {

		@Override
		public void channelRead(ChannelHandlerContext ctx, Object msg) {
			ByteBuf frame = (ByteBuf) msg;
			try {
				awaitingReply.remove().complete(frame.readInt());
			}
			finally {
				frame.release();
			}
		}

		@Override
		public void channelInactive(ChannelHandlerContext ctx) {
			IllegalStateException closed = new IllegalStateException("echo connection closed");
			awaitingReply.forEach(reply -> reply.completeExceptionally(closed));
			awaitingReply.clear();
		}
	}

	@Override
	public void close() {
		channel.close().syncUninterruptibly();
		group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
	}
}
