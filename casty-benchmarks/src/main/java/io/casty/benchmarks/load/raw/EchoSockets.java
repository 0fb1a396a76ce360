package io.casty.benchmarks.load.raw;

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

/**
 * The floor runs on the same socket implementation as Casty's transport (epoll where it loads,
 * NIO otherwise), so that it measures what TCP costs and not a slower socket layer.
 */
final class EchoSockets {

	private static final boolean EPOLL = Epoll.isAvailable();

	private EchoSockets() {
	}

	static IoHandlerFactory handlers() {
		return EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
	}

	static Class<? extends ServerChannel> serverChannel() {
		return EPOLL ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
	}

	static Class<? extends SocketChannel> channel() {
		return EPOLL ? EpollSocketChannel.class : NioSocketChannel.class;
	}
}
