package io.casty.benchmarks.micro;

import io.casty.actor.ActorSystem;
import io.casty.benchmarks.points.PointsAccount.AddAndGet;
import io.casty.benchmarks.points.PointsAccount.AddPoints;
import io.casty.benchmarks.points.PointsAccount;
import io.casty.protocol.ProtocolPaths;
import io.casty.remote.EncodedMessage;
import io.casty.remote.NettyTransport;
import io.casty.remote.TransportSettings;
import io.casty.sharding.ShardEnvelope;
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
 * A message frame on its way out: {@link NettyTransport#encode}, the public path every tell and
 * ask takes (serialization and framing, the buffer released). The decode side runs inside the
 * transport's inbound handler, which only the end-to-end load measures.
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
public class MessageEncodeBenchmark {

	private static final String PATH = ProtocolPaths.shardRegion(PointsAccount.SHARD_TYPE);

	private ActorSystem system;

	private NettyTransport transport;

	private ShardEnvelope<AddPoints> tell;

	private ShardEnvelope<AddAndGet> ask;

	@Setup
	public void setUp() {
		system = ActorSystem.create("bench");
		var replyTo = MicroFixtures.replyAddress(system);
		transport = new NettyTransport(system, MicroFixtures.registry(), TransportSettings.defaults());
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
}
