package io.casty.remote;

import io.casty.CastyException;
import io.casty.actor.NodeAddress;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Opens the connections this side starts: dials the peer, from the {@link OutboundSource}, with
 * the dialled side's pipeline, and fails the association when the connection cannot be made,
 * saying so in words when the host name could not be resolved.
 */
final class Dialler {

	private final EventLoopGroup group;

	private final IoTransport io;

	private final TransportSettings settings;

	private final TransportPipelines pipelines;

	private final OutboundSource source;

	private final Associations associations;

	Dialler(EventLoopGroup group, IoTransport io, TransportSettings settings, TransportPipelines pipelines,
			OutboundSource source, Associations associations) {
		this.group = group;
		this.io = io;
		this.settings = settings;
		this.pipelines = pipelines;
		this.source = source;
		this.associations = associations;
	}

	/** Connects to the association's peer; the handshake then establishes or fails the association. */
	void dial(Association association) {
		NodeAddress peer = association.peer();
		Bootstrap bootstrap = new Bootstrap().group(group)
			.channel(io.channel())
			.option(ChannelOption.TCP_NODELAY, true)
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) settings.connectTimeout().toMillis())
			.handler(new ChannelInitializer<SocketChannel>() {
				@Override
				protected void initChannel(SocketChannel channel) {
					pipelines.initDialled(channel, association);
				}
			});
		InetAddress from = source.forPeer(peer);
		if (from != null) {
			bootstrap.localAddress(from, 0);
		}
		bootstrap.connect(peer.host(), peer.port())
			.addListener((ChannelFuture connected) -> {
				if (connected.cause() instanceof UnknownHostException unknown) {
					// The JDK's message is the bare host name, which says neither what failed nor where.
					associations.failed(association, new CastyException("unknown host: the host name '" + peer.host()
							+ "' of " + peer.hostPort() + " could not be resolved", unknown));
				}
				else if (!connected.isSuccess()) {
					associations.failed(association, connected.cause());
				}
			});
	}
}
