package io.casty.benchmarks.micro;

import io.casty.benchmarks.points.PointsAccount;
import io.casty.sharding.ShardHash;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link ShardHash#shardOf}, which the client runs for every message and the node's region
 * runs again on arrival; cycles through 1,000 entity ids.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 4, time = 1)
public class ShardHashBenchmark {

	private final String[] ids = MicroFixtures.entityIds();

	private int next;

	@Benchmark
	public int shardOf() {
		String id = ids[next];
		next = next + 1 == ids.length ? 0 : next + 1;
		return ShardHash.shardOf(id, PointsAccount.NUM_SHARDS);
	}
}
