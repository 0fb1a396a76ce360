package io.casty.remote;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.casty.actor.ActorRef;
import io.casty.actor.ActorSystem;
import io.casty.actor.NodeAddress;
import io.casty.protocol.ProtocolMessages;
import io.casty.serialization.MessageRegistry;
import io.casty.serialization.Serialization;
import io.casty.serialization.SerializationException;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.AfterAll;

/**
 * Feeds arbitrary bytes to what a node reads from the network: the framing and handshake of a
 * new connection, and message deserialization. Whatever arrives, nothing may escape as an
 * unhandled exception (which would reach Netty's pipeline tail), and deserialization may only
 * fail with a {@link SerializationException}.
 *
 * <p>In a normal build each test replays its stored inputs (under
 * {@code src/test/resources/io/casty/remote/InboundFuzzTestInputs/}); run with
 * {@code JAZZER_FUZZ=1} to fuzz (see docs/reliability.md, "Fuzzing").
 */
class InboundFuzzTest {

	record Sample(String text, int number, ActorRef<String> replyTo) {
	}

	private static final ActorSystem SYSTEM = new ActorSystem(new NodeAddress("fuzz", "127.0.0.1", 1));

	private static final MessageRegistry REGISTRY = ProtocolMessages.registry().register(Sample.class).build();

	private static final NettyTransport TRANSPORT = new NettyTransport(SYSTEM, REGISTRY,
			TransportSettings.builder().maxFrameSize(64 * 1024).build());

	private static final Serialization SERIALIZATION = new Serialization(REGISTRY, SYSTEM::resolve);

	@AfterAll
	static void close() {
		TRANSPORT.close();
		SYSTEM.close();
	}

	@FuzzTest(maxDuration = "10m")
	void aNewConnectionSurvivesAnyBytes(byte[] data) {
		EmbeddedChannel channel = new EmbeddedChannel();
		TRANSPORT.pipelines().initAccepted(channel);
		channel.writeInbound(Unpooled.wrappedBuffer(data));
		channel.runPendingTasks();
		channel.checkException();
		channel.finishAndReleaseAll();
	}

	@FuzzTest(maxDuration = "10m")
	void deserializationFailsOnlyWithATypedError(byte[] data) {
		try {
			Object message = SERIALIZATION.read(Serialization.input(data));
			assertThat(message).isNotNull();
		}
		catch (SerializationException expected) {
			// refusing bad bytes with a typed error is the point
		}
	}
}
