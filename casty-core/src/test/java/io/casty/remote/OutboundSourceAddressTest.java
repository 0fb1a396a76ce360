package io.casty.remote;

import static org.assertj.core.api.Assertions.assertThat;

import io.casty.actor.ActorSystem;
import io.casty.actor.NodeAddress;
import io.casty.serialization.MessageRegistry;
import io.casty.testing.FreePorts;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.junit.jupiter.api.Test;

/**
 * Where a node's outbound connections come from, as the accepting side sees them: from the
 * address the node listens on, so that nodes sharing a machine can be told apart by source
 * address (a firewall rule that cuts one node from another drops packets by address).
 */
class OutboundSourceAddressTest {

	private static final MessageRegistry REGISTRY = MessageRegistry.builder().build();

	@Test
	void aNodeListeningOnASpecificAddressDialsFromIt() throws Exception {
		assertThat(sourceOfAConnectionFrom("127.0.0.2")).isEqualTo("127.0.0.2");
	}

	@Test
	void aNodeListeningOnTheWildcardAddressDialsFromTheAddressTheKernelPicks() throws Exception {
		// Dialling 127.0.0.1, the kernel picks 127.0.0.1 itself.
		assertThat(sourceOfAConnectionFrom("0.0.0.0")).isEqualTo("127.0.0.1");
	}

	/** The remote address of the connection a node listening on {@code host} opens to a plain socket on 127.0.0.1. */
	private static String sourceOfAConnectionFrom(String host) throws Exception {
		try (ServerSocket peer = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
				ActorSystem system = new ActorSystem(new NodeAddress("test", host, FreePorts.next()));
				NettyTransport node = new NettyTransport(system, REGISTRY, TransportSettings.builder().build())) {
			node.bind();
			peer.setSoTimeout(5_000);
			// The handshake never completes (the peer says nothing); only where the connection comes from counts.
			node.connect(new NodeAddress("test", "127.0.0.1", peer.getLocalPort()));
			try (Socket accepted = peer.accept()) {
				return accepted.getInetAddress().getHostAddress();
			}
		}
	}
}
