package io.casty.benchmarks.micro;

import io.casty.actor.ActorSystem;
import io.casty.actor.TemporaryRef;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * How an ask finds its way back: a {@link TemporaryRef} is registered for the reply, the reply
 * arrives by path (as the transport delivers it) and the ref is released. With one thread, and
 * with two (a client's asks race on the same registry).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 4, time = 1)
public class AskCorrelationBenchmark {

	private static final Integer REPLY = 42;

	private ActorSystem system;

	@Setup
	public void setUp() {
		system = ActorSystem.create("bench");
	}

	@TearDown
	public void tearDown() {
		system.close();
	}

	@Benchmark
	public void registerDeliverRelease(Blackhole blackhole) {
		correlate(blackhole);
	}

	@Benchmark
	@Threads(2)
	public void registerDeliverReleaseTwoThreads(Blackhole blackhole) {
		correlate(blackhole);
	}

	private void correlate(Blackhole blackhole) {
		TemporaryRef<Integer> replyTo = system.temporaryRef(blackhole::consume);
		system.deliver(replyTo.address().path(), REPLY);
		replyTo.release();
	}
}
