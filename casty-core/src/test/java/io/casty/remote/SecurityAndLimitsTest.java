package io.casty.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.casty.actor.ActorAddress;
import io.casty.actor.ActorRef;
import io.casty.actor.ActorSystem;
import io.casty.actor.Behaviors;
import io.casty.actor.NodeAddress;
import io.casty.actor.TemporaryRef;
import io.casty.serialization.MessageRegistry;
import io.casty.testing.FreePorts;
import io.casty.testing.LogCapture;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Cluster secret authentication and the connection limits, over real loopback TCP. */
class SecurityAndLimitsTest {

	record Ping(String text, ActorRef<String> replyTo) {
	}

	record Blob(byte[] bytes) {
	}

	private static final String SECRET = "correct horse battery staple";

	private final MessageRegistry registry = MessageRegistry.builder().register(Ping.class, Blob.class).build();

	private final List<AutoCloseable> closeables = new ArrayList<>();

	private final LogCapture log = LogCapture.of("io.casty.remote");

	@AfterEach
	void closeAll() throws Exception {
		for (int i = closeables.size() - 1; i >= 0; i--) {
			closeables.get(i).close();
		}
		log.close();
	}

	private NettyTransport node(TransportSettings settings) {
		ActorSystem system = new ActorSystem(new NodeAddress("secure", "127.0.0.1", FreePorts.next()));
		NettyTransport transport = new NettyTransport(system, registry, settings);
		closeables.add(system);
		closeables.add(transport);
		transport.bind();
		system.spawn(Behaviors.<Ping>receiveMessage(ping -> {
			ping.replyTo().tell("pong " + ping.text());
			return Behaviors.same();
		}), "echo");
		return transport;
	}

	private NettyTransport client(TransportSettings settings) {
		ActorSystem system = new ActorSystem(new NodeAddress("secure", "client-" + UUID.randomUUID(), 0));
		NettyTransport transport = new NettyTransport(system, registry, settings);
		closeables.add(system);
		closeables.add(transport);
		return transport;
	}

	private static TransportSettings withSecret(String secret) {
		return TransportSettings.builder().clusterSecret(secret).build();
	}

	private String ask(NettyTransport client, NettyTransport node) throws Exception {
		ActorSystem clientSystem = systemOf(client);
		CompletableFuture<String> reply = new CompletableFuture<>();
		TemporaryRef<String> replyTo = clientSystem.temporaryRef(reply::complete);
		client.send(new ActorAddress(node.address(), "/user/echo"), new Ping("hi", replyTo));
		return reply.get(5, TimeUnit.SECONDS);
	}

	private ActorSystem systemOf(NettyTransport transport) {
		return closeables.stream()
			.filter(ActorSystem.class::isInstance)
			.map(ActorSystem.class::cast)
			.filter(system -> system.address().equals(transport.address()))
			.findFirst()
			.orElseThrow();
	}

	private static Throwable connectFailure(NettyTransport client, NettyTransport node) {
		CompletableFuture<Void> connected = client.connect(node.address());
		assertThatThrownBy(() -> connected.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
		return connected.handle((ok, error) -> error instanceof java.util.concurrent.CompletionException
				? error.getCause() : error).join();
	}

	@Test
	void peersWithTheSameSecretTalk() throws Exception {
		NettyTransport node = node(withSecret(SECRET));
		NettyTransport client = client(withSecret(SECRET));

		assertThat(ask(client, node)).isEqualTo("pong hi");
	}

	@Test
	void aWrongSecretIsRefusedWithAClearMessageOnBothSides() {
		NettyTransport node = node(withSecret(SECRET));
		NettyTransport client = client(withSecret("not the right secret at all"));

		Throwable failure = connectFailure(client, node);

		assertThat(failure).isInstanceOf(HandshakeException.class)
			.hasMessageContaining("failed to prove the cluster secret (wrong secret on this side or on the node)");
		await().until(() -> log.messages().stream().anyMatch(line -> line.startsWith("WARN Could not connect to")
				&& line.contains("failed to prove the cluster secret")));
		await().until(() -> log.messages().stream().anyMatch(line -> line.startsWith("WARN Refused connection from")
				&& line.contains("hung up instead of proving the cluster secret; it has a different secret")));
	}

	@Test
	void aNodeWithASecretRefusesAPeerWithout() {
		NettyTransport node = node(withSecret(SECRET));
		NettyTransport client = client(TransportSettings.defaults());

		assertThat(connectFailure(client, node)).isInstanceOf(HandshakeException.class)
			.hasMessageContaining("requires the cluster secret; configure the cluster's secret on this side too");
	}

	@Test
	void aPeerWithASecretRefusesANodeThatCannotProveIt() {
		NettyTransport node = node(TransportSettings.defaults());
		NettyTransport client = client(withSecret(SECRET));

		assertThat(connectFailure(client, node)).isInstanceOf(HandshakeException.class)
			.hasMessageContaining("without proving the cluster secret; it has no secret configured");
	}

	@Test
	void aPeerThatSkipsTheProofIsRefusedByTheNode() throws Exception {
		NettyTransport node = node(withSecret(SECRET));
		try (Socket socket = new Socket("127.0.0.1", node.address().port())) {
			ByteBuf hello = WireFormat.hello(ByteBufAllocator.DEFAULT, new Hello(WireFormat.PROTOCOL_VERSION,
					new NodeAddress("secure", "client-raw", 0), ClusterSecret.nonce()));
			socket.getOutputStream().write(bytes(hello));
			socket.getOutputStream().write(bytes(WireFormat.proof(ByteBufAllocator.DEFAULT, new byte[32])));
			drainUntilClosed(socket);
		}
		await().until(() -> log.messages().stream().anyMatch(line -> line.startsWith("WARN Refused connection from")
				&& line.contains("failed to prove the cluster secret (wrong secret)")));
	}

	@Test
	void secretsShorterThanSixteenCharactersAreRejected() {
		assertThatThrownBy(() -> TransportSettings.builder().clusterSecret("short"))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessage("clusterSecret : 5 characters (expected: at least 16 characters)");
	}

	@Test
	void connectionsBeyondTheMaximumAreRefusedWithALogLine() throws Exception {
		NettyTransport node = node(TransportSettings.builder().maxConnections(2).build());
		try (Socket first = new Socket("127.0.0.1", node.address().port());
				Socket second = new Socket("127.0.0.1", node.address().port());
				Socket third = new Socket("127.0.0.1", node.address().port())) {
			drainUntilClosed(third);
			assertThat(second.isClosed()).isFalse();
			await().until(() -> log.messages().stream()
				.anyMatch(line -> line.contains("2 connections are open, the maximum (max-connections)")));
			assertThat(first.isClosed()).isFalse();
		}
	}

	@Test
	void aQuietButHealthyConnectionStaysOpenAndASilentPeerIsDropped() throws Exception {
		TransportSettings quick = TransportSettings.builder().idleTimeout(Duration.ofMillis(600)).build();
		NettyTransport node = node(quick);
		NettyTransport client = client(quick);
		client.connect(node.address()).get(5, TimeUnit.SECONDS);

		await().during(Duration.ofMillis(2000)).atMost(Duration.ofSeconds(4)).until(() -> client.isConnected(node.address()));

		try (Socket silent = new Socket("127.0.0.1", node.address().port())) {
			silent.getOutputStream().write(bytes(WireFormat.hello(ByteBufAllocator.DEFAULT,
					new Hello(WireFormat.PROTOCOL_VERSION, new NodeAddress("secure", "client-silent", 0),
							ClusterSecret.nonce()))));
			drainUntilClosed(silent);
		}
		await().until(() -> log.messages().stream().anyMatch(line -> line.contains("nothing received for 600 ms")));
	}

	@Test
	void aPeerThatDoesNotReadIsDisconnectedInsteadOfGrowingTheSendersMemory() throws Exception {
		NettyTransport node = node(TransportSettings.builder().maxPendingWriteBytes(64 * 1024).build());
		try (Socket reader = new Socket("127.0.0.1", node.address().port())) {
			reader.setReceiveBufferSize(4096);
			NodeAddress lazy = new NodeAddress("secure", "client-lazy", 0);
			reader.getOutputStream().write(bytes(WireFormat.hello(ByteBufAllocator.DEFAULT,
					new Hello(WireFormat.PROTOCOL_VERSION, lazy, ClusterSecret.nonce()))));
			await().until(() -> node.isConnected(lazy));
			ActorAddress sink = new ActorAddress(lazy, "/temp/1");
			byte[] kilobyte = new byte[1024];
			await().atMost(Duration.ofSeconds(20)).until(() -> {
				for (int i = 0; i < 1000 && node.isConnected(lazy); i++) {
					node.send(sink, new Blob(kilobyte));
				}
				return !node.isConnected(lazy);
			});
		}
		await().until(() -> log.messages().stream().anyMatch(line -> line.contains("reads too slowly")));
	}

	private static byte[] bytes(ByteBuf frame) {
		byte[] bytes = new byte[frame.readableBytes()];
		frame.readBytes(bytes);
		frame.release();
		return bytes;
	}

	private static void drainUntilClosed(Socket socket) throws IOException {
		socket.setSoTimeout(10_000);
		InputStream in = socket.getInputStream();
		try {
			while (in.read() != -1) {
				// read whatever the node answers until it closes
			}
		}
		catch (java.net.SocketException reset) {
			// a reset is a close too
		}
	}
}
