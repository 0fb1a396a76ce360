package io.casty.remote;

import static org.assertj.core.api.Assertions.assertThat;

import io.casty.actor.ActorSystem;
import io.casty.protocol.ProtocolMessages;
import io.casty.serialization.Serialization;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MessageCodecTest {

	private final ActorSystem system = ActorSystem.create("codec");

	private final MessageCodec codec = new MessageCodec(
			new Serialization(ProtocolMessages.registry().build(), system::resolve), TransportSettings.DEFAULT_MAX_FRAME_SIZE);

	@AfterEach
	void close() {
		system.close();
	}

	@Test
	void everyFrameNamesItsOwnRecipientWhateverWasSentBefore() {
		List<String> paths = List.of("/system/sharding/a", "/system/sharding/a", "/system/sharding/a", "/temp/1",
				"/system/sharding/a", "/system/sharding/ab", "/system/sharding/ab", "/temp/2", "/temp/2", "/t\u00e9mp/3",
				"/t\u00e9mp/3", "/t\u00e9mp/3");
		for (int i = 0; i < paths.size(); i++) {
			ByteBuf frame = Unpooled.wrappedBuffer(codec.encode(paths.get(i), List.of(i)));

			assertThat(frame.readInt()).isEqualTo(frame.readableBytes());
			assertThat(frame.readByte()).isEqualTo(WireFormat.MESSAGE);
			MessageCodec.InboundMessage decoded = codec.decode(frame);
			assertThat(decoded.recipientPath()).isEqualTo(paths.get(i));
			assertThat(decoded.message()).isEqualTo(List.of(i));
		}
	}
}
