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
import io.casty.serialization.MessageTooLargeException;
import io.casty.serialization.UnregisteredMessageClassException;
import io.casty.testing.FreePorts;
import io.casty.testing.LogCapture;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A node transport and clients over real loopback TCP, fed good and bad input. */
class TransportTest {

	record Ping(String text, ActorRef<Pong> replyTo) {
	}

	record Pong(String text) {
	}

	record Blob(byte[] bytes) {
	}

	record NotRegistered(int value) {
	}

	private static final int MAX_FRAME = 16 * 1024;

	private final MessageRegistry registry = MessageRegistry.builder()
		.register(Ping.class, Pong.class, Blob.class)
		.build();

	private final TransportSettings settings = TransportSettings.builder()
		.maxFrameSize(MAX_FRAME)
		.handshakeTimeout(Duration.ofSeconds(2))
		.build();

	private ActorSystem nodeSystem;

	private NettyTransport node;

	private ActorAddress echo;

	private LogCapture log;

	@BeforeEach
	void startNode() {
		log = LogCapture.of("io.casty.remote");
		nodeSystem = new ActorSystem(new NodeAddress("test", "127.0.0.1", FreePorts.next()));
		node = new NettyTransport(nodeSystem, registry, settings);
		node.bind();
		echo = nodeSystem.spawn(Behaviors.<Ping>receiveMessage(ping -> {
			ping.replyTo().tell(new Pong(ping.text()));
			return Behaviors.same();
		}), "echo").address();
	}

	@AfterEach
	void stopNode() {
		node.close();
		nodeSystem.close();
		log.close();
	}

	/** A client-side system and transport: no port, reachable only over its own connection. */
	private final class Client implements AutoCloseable {

		final ActorSystem system;

		final NettyTransport transport;

		Client(String systemName) {
			system = new ActorSystem(new NodeAddress(systemName, "client-" + UUID.randomUUID(), NodeAddress.NO_PORT));
			transport = new NettyTransport(system, registry, settings);
		}

		String ask(String text) throws Exception {
			CompletableFuture<Pong> reply = new CompletableFuture<>();
			TemporaryRef<Pong> replyTo = system.temporaryRef(reply::complete);
			transport.send(echo, new Ping(text, replyTo));
			return reply.get(5, TimeUnit.SECONDS).text();
		}

		@Override
		public void close() {
			transport.close();
			system.close();
		}
	}

	@Test
	void repliesTravelBackOverTheClientsOwnConnection() throws Exception {
		try (Client client = new Client("test")) {
			assertThat(client.ask("hello")).isEqualTo("hello");
			assertThat(client.transport.boundAddress()).isEmpty();
		}
	}

	@Test
	void manyMessagesArriveInOrderOverOneConnection() throws Exception {
		try (Client client = new Client("test")) {
			java.util.List<String> received = new java.util.concurrent.CopyOnWriteArrayList<>();
			TemporaryRef<Pong> replyTo = client.system.temporaryRef(pong -> received.add(pong.text()));
			for (int i = 0; i < 10_000; i++) {
				client.transport.send(echo, new Ping(Integer.toString(i), replyTo));
			}
			await().until(() -> received.size() == 10_000);
			for (int i = 0; i < 10_000; i++) {
				assertThat(received.get(i)).isEqualTo(Integer.toString(i));
			}
		}
	}

	@Test
	void sendIfConnectedQueuesOnlyOnAnOpenConnectionAndNeverOpensOne() throws Exception {
		try (Client client = new Client("test")) {
			java.util.List<String> received = new java.util.concurrent.CopyOnWriteArrayList<>();
			TemporaryRef<Pong> replyTo = client.system.temporaryRef(pong -> received.add(pong.text()));
			NodeAddress node = echo.node();

			assertThat(client.transport.sendIfConnected(node, ping(client, "before connecting", replyTo))).isNull();
			client.transport.connect(node).get(5, TimeUnit.SECONDS);
			Connection connection = client.transport.sendIfConnected(node, ping(client, "connected", replyTo));
			await().until(() -> received.contains("connected"));
			client.transport.disconnect(node);
			assertThat(connection.isClosed()).isTrue();
			assertThat(client.transport.sendIfConnected(node, ping(client, "after closing", replyTo))).isNull();
			client.transport.connect(node).get(5, TimeUnit.SECONDS);
			client.transport.sendIfConnected(node, ping(client, "reconnected", replyTo));
			await().until(() -> received.contains("reconnected"));

			// Had either refused message been queued, it would have opened (or waited for) the
			// next connection and arrived first over it.
			assertThat(received).containsExactly("connected", "reconnected");
		}
	}

	@Test
	void aMessageForAClientThatHasNotConnectedYetGoesOverItsConnectionOnceItConnects() throws Exception {
		try (Client client = new Client("test")) {
			java.util.List<String> received = new java.util.concurrent.CopyOnWriteArrayList<>();
			TemporaryRef<Pong> replyTo = client.system.temporaryRef(pong -> received.add(pong.text()));

			node.send(replyTo.address(), new Pong("sent before the client connected"));
			client.transport.connect(echo.node()).get(5, TimeUnit.SECONDS);

			await().until(() -> received.contains("sent before the client connected"));
		}
	}

	@Test
	void aMessageForAClientThatDoesNotConnectInTimeIsDropped() throws Exception {
		java.util.List<NodeAddress> gaveUpOn = new java.util.concurrent.CopyOnWriteArrayList<>();
		node.addListener(new TransportListener() {
			@Override
			public void disassociated(NodeAddress peer, Throwable cause) {
				gaveUpOn.add(peer);
			}
		});
		try (Client client = new Client("test")) {
			java.util.List<String> received = new java.util.concurrent.CopyOnWriteArrayList<>();
			TemporaryRef<Pong> replyTo = client.system.temporaryRef(pong -> received.add(pong.text()));

			node.send(replyTo.address(), new Pong("too early"));
			await().atMost(Duration.ofSeconds(5)).until(() -> gaveUpOn.contains(client.system.address()));
			client.transport.connect(echo.node()).get(5, TimeUnit.SECONDS);
			node.send(replyTo.address(), new Pong("once connected"));

			await().until(() -> received.contains("once connected"));
			assertThat(received).containsExactly("once connected");
		}
	}

	private EncodedMessage ping(Client client, String text, ActorRef<Pong> replyTo) {
		return client.transport.encode(echo.path(), new Ping(text, replyTo));
	}

	@Test
	void wrongSystemNameIsRefusedWithAClearErrorOnBothSides() {
		try (Client client = new Client("other-cluster")) {
			CompletableFuture<Void> connected = client.transport.connect(echo.node());

			assertThatThrownBy(() -> connected.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
				.cause()
				.isInstanceOfSatisfying(SystemNameMismatchException.class,
						mismatch -> assertThat(mismatch.nodeSystemName()).isEqualTo("test"))
				.hasMessage(echo.node().hostPort() + " refused the connection: it is a node of system 'test', not "
						+ "'other-cluster'; give every node and client the same system name (casty.node.system-name, "
						+ "casty.client.system-name)");
			await().until(() -> log.messages().stream().anyMatch(line -> line.startsWith("WARN Refused connection from")
					&& line.contains("asked for system 'other-cluster'")));
		}
	}

	@Test
	void randomBytesCloseThatConnectionOnlyAndTheNodeKeepsServing() throws Exception {
		byte[] garbage = new byte[256];
		new Random(42).nextBytes(garbage);
		try (Socket socket = rawConnection()) {
			socket.getOutputStream().write(garbage);
			assertClosedByPeer(socket);
		}
		await().until(() -> log.messages().stream().anyMatch(line -> line.contains("oversized frame")
				|| line.contains("not a Casty peer") || line.contains("expected a handshake frame first")));
		assertNodeStillServes();
	}

	@Test
	void oversizedFrameClosesThatConnectionWithALogLine() throws Exception {
		try (Socket socket = rawConnection()) {
			DataOutputStream out = new DataOutputStream(socket.getOutputStream());
			out.writeInt(MAX_FRAME + 1);
			out.write(new byte[1024]);
			out.flush();
			assertClosedByPeer(socket);
		}
		await().until(() -> log.messages().stream()
			.anyMatch(line -> line.contains("oversized frame") && line.contains(Integer.toString(MAX_FRAME))));
		assertNodeStillServes();
	}

	@Test
	void frameNamingAClassOutsideTheAllowListClosesThatConnection() throws Exception {
		try (Socket socket = rawConnection()) {
			handshake(socket, "test");
			com.esotericsoftware.kryo.io.Output body = new com.esotericsoftware.kryo.io.Output(128, -1);
			body.writeString(echo.path());
			body.writeVarInt(1, true); // Kryo's "class by name" marker
			body.writeVarInt(0, true);
			body.writeString("com.example.Gadget");
			DataOutputStream out = new DataOutputStream(socket.getOutputStream());
			out.writeInt(1 + body.position());
			out.writeByte(WireFormat.MESSAGE);
			out.write(body.toBytes());
			out.flush();
			assertClosedByPeer(socket);
		}
		await().until(() -> log.messages().stream()
			.anyMatch(line -> line.startsWith("WARN Closing connection with") && line.contains("com.example.Gadget")));
		assertNodeStillServes();
	}

	@Test
	void aMessageOfExactlyTheMaximumFrameSizeIsSentAndAccepted() throws Exception {
		try (Client client = new Client("test")) {
			client.ask("warm-up");
			int fitting = largestFittingBlob(client);
			java.util.concurrent.BlockingQueue<Object> received = new java.util.concurrent.LinkedBlockingQueue<>();
			ActorAddress sink = nodeSystem.spawn(Behaviors.receiveMessage(message -> {
				received.add(message);
				return Behaviors.same();
			}), "sink").address();

			client.transport.send(sink, new Blob(new byte[fitting]));

			assertThat(received.poll(5, TimeUnit.SECONDS)).isInstanceOf(Blob.class);
			assertThatThrownBy(() -> client.transport.send(sink, new Blob(new byte[fitting + 1])))
				.isInstanceOf(MessageTooLargeException.class);
		}
	}

	/** The largest blob whose frame is exactly the maximum frame size, found by encoding. */
	private int largestFittingBlob(Client client) {
		int size = MAX_FRAME;
		while (true) {
			try {
				client.transport.encode("/user/sink", new Blob(new byte[size]));
				return size;
			}
			catch (MessageTooLargeException tooLarge) {
				size--;
			}
		}
	}

	@Test
	void anEmptyFrameClosesThatConnection() throws Exception {
		try (Socket socket = rawConnection()) {
			new DataOutputStream(socket.getOutputStream()).writeInt(0);
			assertClosedByPeer(socket);
		}
		await().until(() -> log.messages().stream().anyMatch(line -> line.contains("empty frame")));
		assertNodeStillServes();
	}

	@Test
	void aHandshakeOfAnotherProtocolVersionIsRefusedNamingBothVersions() throws Exception {
		try (Socket socket = rawConnection()) {
			DataOutputStream out = new DataOutputStream(socket.getOutputStream());
			out.writeInt(1 + 4 + 2);
			out.writeByte(WireFormat.HELLO);
			out.writeInt(WireFormat.MAGIC);
			out.writeShort(99);
			out.flush();
			assertClosedByPeer(socket);
		}
		await().until(() -> log.messages().stream()
			.anyMatch(line -> line.contains("protocol version 99 is not supported (this node speaks 2)")));
	}

	@Test
	void connectionThatNeverHandshakesIsClosedAfterTheTimeout() throws Exception {
		try (Socket socket = rawConnection()) {
			assertClosedByPeer(socket);
		}
		await().until(() -> log.messages().stream().anyMatch(line -> line.contains("no handshake within 2000 ms")));
	}

	@Test
	void unregisteredAndOversizedMessagesFailAtTheSender() {
		try (Client client = new Client("test")) {
			assertThatThrownBy(() -> client.transport.send(echo, new NotRegistered(1)))
				.isInstanceOf(UnregisteredMessageClassException.class)
				.hasMessageContaining(NotRegistered.class.getName());
			assertThatThrownBy(() -> client.transport.send(echo, new Blob(new byte[MAX_FRAME])))
				.isInstanceOf(MessageTooLargeException.class)
				.hasMessageContaining(Blob.class.getName())
				.hasMessageContaining(Integer.toString(MAX_FRAME));
		}
	}

	@Test
	void connectingWhereNothingListensFailsTheConnectFuture() {
		try (Client client = new Client("test")) {
			CompletableFuture<Void> connected = client.transport
				.connect(new NodeAddress("test", "127.0.0.1", FreePorts.next()));

			assertThatThrownBy(() -> connected.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
		}
	}

	private Socket rawConnection() throws IOException {
		Socket socket = new Socket("127.0.0.1", echo.node().port());
		socket.setSoTimeout(10_000);
		return socket;
	}

	private static void handshake(Socket socket, String systemName) throws IOException {
		Hello hello = new Hello(WireFormat.PROTOCOL_VERSION,
				new NodeAddress(systemName, "client-raw", NodeAddress.NO_PORT), ClusterSecret.nonce());
		ByteBuf frame = WireFormat.hello(ByteBufAllocator.DEFAULT, hello);
		byte[] bytes = new byte[frame.readableBytes()];
		frame.readBytes(bytes);
		frame.release();
		socket.getOutputStream().write(bytes);
		DataInputStream in = new DataInputStream(socket.getInputStream());
		int length = in.readInt();
		assertThat(in.readByte()).as("handshake answer").isEqualTo(WireFormat.WELCOME);
		in.skipNBytes(length - 1);
	}

	private static void assertClosedByPeer(Socket socket) throws IOException {
		InputStream in = socket.getInputStream();
		try {
			while (in.read() != -1) {
				// skip whatever the node answered (a Reject frame) until it closes
			}
		}
		catch (java.net.SocketException reset) {
			// a reset is a close too
		}
	}

	private void assertNodeStillServes() throws Exception {
		try (Client client = new Client("test")) {
			assertThat(client.ask("still there?")).isEqualTo("still there?");
		}
	}
}
