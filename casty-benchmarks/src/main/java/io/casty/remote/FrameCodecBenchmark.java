package io.casty.remote;

import io.casty.actor.ActorSystem;
import io.casty.benchmarks.micro.MicroFixtures;
import io.casty.benchmarks.points.PointsAccount;
import io.casty.benchmarks.points.PointsAccount.AddAndGet;
import io.casty.benchmarks.points.PointsAccount.AddPoints;
import io.casty.protocol.ProtocolPaths;
import io.casty.sharding.ShardEnvelope;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A message frame on its way out and in: {@link NettyTransport#encode} (the public path every
 * tell and ask takes) and the codec's encode then decode, as the inbound handler runs it after
 * the length prefix and the type byte. In this package because the codec is package-private.
 *
 * <p>Warms up longer than the others: on a busy two-core machine these took five to six seconds
 * to reach their steady state (from over 10 µs per operation in the first second).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 6, time = 1)
@Measurement(iterations = 4, time = 1)
public class FrameCodecBenchmark {

	/** Length field and type byte, which the pipeline strips before the codec decodes. */
	private static final int HEADER = WireFormat.LENGTH_FIELD_SIZE + 1;

	private static final String PATH = ProtocolPaths.shardRegion(PointsAccount.SHARD_TYPE);

	private ActorSystem system;

	private NettyTransport transport;

	private MessageCodec codec;

	private ShardEnvelope<AddPoints> tell;

	private ShardEnvelope<AddAndGet> ask;

	@Setup
	public void setUp() {
		system = ActorSystem.create("bench");
		var replyTo = MicroFixtures.replyAddress(system);
		transport = new NettyTransport(system, MicroFixtures.registry(), TransportSettings.defaults());
		codec = new MessageCodec(MicroFixtures.serialization(replyTo), TransportSettings.DEFAULT_MAX_FRAME_SIZE);
		tell = new ShardEnvelope<>("entity-500", new AddPoints(1));
		ask = new ShardEnvelope<>("entity-500", new AddAndGet(1, replyTo));
	}

	@TearDown
	public void tearDown() {
		transport.close();
		system.close();
	}

	@Benchmark
	public EncodedMessage transportEncodeTell() {
		return transport.encode(PATH, tell);
	}

	@Benchmark
	public EncodedMessage transportEncodeAsk() {
		return transport.encode(PATH, ask);
	}

	@Benchmark
	public Object encodeDecodeTell() {
		return encodeDecode(tell);
	}

	@Benchmark
	public Object encodeDecodeAsk() {
		return encodeDecode(ask);
	}

	private Object encodeDecode(Object message) {
		ByteBuf frame = Unpooled.wrappedBuffer(codec.encode(PATH, message));
		frame.skipBytes(HEADER);
		return codec.decode(frame);
	}
}
