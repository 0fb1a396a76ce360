package io.casty.remote;

import io.casty.actor.NodeAddress;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;

/**
 * Lays out the pipeline of every connection, one handler per concern. A connection a node
 * accepted:
 *
 * <pre>
 * [tls] → idle → keep-alive → frames → handshake (ServerHandshakeHandler)
 * </pre>
 *
 * and a connection this side dialled, where the HTTP-answer detector looks at the first bytes
 * the peer sends and then leaves:
 *
 * <pre>
 * [tls] → idle → keep-alive → http-answer → frames → handshake (ClientHandshakeHandler)
 * </pre>
 *
 * TLS comes first when configured for that side. Once the handshake succeeds, the handshake
 * handler replaces itself with the connection's {@link InboundMessageHandler}.
 */
final class TransportPipelines {

	private final TransportContext context;

	TransportPipelines(TransportContext context) {
		this.context = context;
	}

	/** The pipeline of an accepted connection: framing, keep-alive, then the node's side of the handshake. */
	void initAccepted(Channel channel) {
		TransportSettings settings = context.settings();
		if (settings.serverTls() != null) {
			channel.pipeline().addLast("tls", settings.serverTls().newHandler(channel.alloc()));
		}
		addFraming(channel.pipeline()).addLast("handshake", new ServerHandshakeHandler(context));
	}

	/** The pipeline of a connection dialled for {@code association}: framing, keep-alive, then the dialler's side of the handshake. */
	void initDialled(Channel channel, Association association) {
		TransportSettings settings = context.settings();
		NodeAddress peer = association.peer();
		if (settings.clientTls() != null) {
			// With the peer's host, so the context's host name verification (on by default) checks it.
			channel.pipeline().addLast("tls", settings.clientTls().newHandler(channel.alloc(), peer.host(), peer.port()));
		}
		addFraming(channel.pipeline()).addLast("handshake", new ClientHandshakeHandler(context, association))
			.addBefore("frames", "http-answer", new HttpAnswerDetector(peer));
	}

	private ChannelPipeline addFraming(ChannelPipeline pipeline) {
		TransportSettings settings = context.settings();
		long idle = settings.idleTimeout().toMillis();
		pipeline.addLast("idle", new IdleStateHandler(idle, 0, 0, TimeUnit.MILLISECONDS));
		pipeline.addLast("keep-alive", new KeepAliveHandler(settings.idleTimeout()));
		// Netty counts the length field itself towards the limit; ours counts only what follows it.
		return pipeline.addLast("frames", new LengthFieldBasedFrameDecoder(
				settings.maxFrameSize() + WireFormat.LENGTH_FIELD_SIZE, 0,
				WireFormat.LENGTH_FIELD_SIZE, 0, WireFormat.LENGTH_FIELD_SIZE));
	}
}
