package io.casty.remote;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.util.function.Supplier;

/**
 * The socket implementation under the transport: Linux's epoll where its native library loads
 * (fewer system calls and wake-ups per message), the JDK's NIO everywhere else.
 */
enum IoTransport {

	EPOLL(EpollIoHandler::newFactory, EpollServerSocketChannel.class, EpollSocketChannel.class),

	NIO(NioIoHandler::newFactory, NioServerSocketChannel.class, NioSocketChannel.class);

	private final Supplier<IoHandlerFactory> handlers;

	private final Class<? extends ServerChannel> serverChannel;

	private final Class<? extends SocketChannel> channel;

	IoTransport(Supplier<IoHandlerFactory> handlers, Class<? extends ServerChannel> serverChannel,
			Class<? extends SocketChannel> channel) {
		this.handlers = handlers;
		this.serverChannel = serverChannel;
		this.channel = channel;
	}

	/** The best this platform offers. */
	static IoTransport available() {
		return Epoll.isAvailable() ? EPOLL : NIO;
	}

	IoHandlerFactory newHandlerFactory() {
		return handlers.get();
	}

	Class<? extends ServerChannel> serverChannel() {
		return serverChannel;
	}

	Class<? extends SocketChannel> channel() {
		return channel;
	}

	@Override
	public String toString() {
		return name().toLowerCase(java.util.Locale.ROOT);
	}
}
