package io.casty.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.casty.actor.NodeAddress;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What the first bytes from a dialled peer turn into before the framing sees them. */
class HttpAnswerDetectorTest {

	private final NodeAddress peer = new NodeAddress("test", "127.0.0.1", 8081);

	private final EmbeddedChannel channel = new EmbeddedChannel(new HttpAnswerDetector(peer));

	@Test
	void anHttpStatusLineFailsTheHandshakeSayingAWebServerAnswered() {
		ByteBuf answer = Unpooled.copiedBuffer("HTTP/1.1 400 Bad Request\r\n\r\n", StandardCharsets.US_ASCII);

		assertThatThrownBy(() -> channel.writeInbound(answer)).isInstanceOf(HandshakeException.class)
			.hasMessage("127.0.0.1:8081 answered with HTTP: it is a web port, not a Casty node's cluster port "
					+ "(casty.node.port, 25520 by default)");
		assertThat(channel.writeInbound(Unpooled.copiedBuffer("Content-Length: 0\r\n", StandardCharsets.US_ASCII)))
			.as("the rest of the answer is dropped too")
			.isFalse();
		assertThat((Object) channel.readInbound()).as("nothing reaches the framing").isNull();
	}

	@Test
	void aCastyFrameSplitBeforeItsFifthByteGoesOnWholeAndTheDetectorLeaves() {
		ByteBuf welcome = WireFormat.welcome(ByteBufAllocator.DEFAULT, peer);
		byte[] expected = new byte[welcome.readableBytes()];
		welcome.getBytes(0, expected);

		assertThat(channel.writeInbound(welcome.readRetainedSlice(3))).isFalse();
		channel.writeInbound(welcome);

		ByteBuf passedOn = channel.readInbound();
		byte[] actual = new byte[passedOn.readableBytes()];
		passedOn.readBytes(actual).release();
		assertThat(actual).isEqualTo(expected);
		assertThat(channel.pipeline().get(HttpAnswerDetector.class)).isNull();
		assertThat(channel.finish()).isFalse();
	}
}
