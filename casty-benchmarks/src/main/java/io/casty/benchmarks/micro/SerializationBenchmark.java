package io.casty.benchmarks.micro;

import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.casty.actor.ActorSystem;
import io.casty.benchmarks.points.PointsAccount.AddAndGet;
import io.casty.benchmarks.points.PointsAccount.AddPoints;
import io.casty.serialization.Serialization;
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
 * Kryo round trip of the envelopes the client sends: a tell ({@code ShardEnvelope<AddPoints>})
 * and an ask, whose message carries a reply address (written as a string, parsed and resolved
 * on the way back in).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 4, time = 1)
public class SerializationBenchmark {

	private ActorSystem system;

	private Serialization serialization;

	private ShardEnvelope<AddPoints> tell;

	private ShardEnvelope<AddAndGet> ask;

	private final Output output = new Output(512, -1);

	private final Input input = new Input();

	@Setup
	public void setUp() {
		system = ActorSystem.create("bench");
		var replyTo = MicroFixtures.replyAddress(system);
		serialization = MicroFixtures.serialization(replyTo);
		tell = new ShardEnvelope<>("entity-500", new AddPoints(1));
		ask = new ShardEnvelope<>("entity-500", new AddAndGet(1, replyTo));
	}

	@TearDown
	public void tearDown() {
		system.close();
	}

	@Benchmark
	public Object tellEnvelopeRoundTrip() {
		return roundTrip(tell);
	}

	@Benchmark
	public Object askEnvelopeRoundTrip() {
		return roundTrip(ask);
	}

	private Object roundTrip(Object message) {
		output.reset();
		serialization.write(output, message);
		input.setBuffer(output.getBuffer(), 0, output.position());
		return serialization.read(input);
	}
}
