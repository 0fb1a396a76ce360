package io.casty.benchmarks.micro;

import io.casty.actor.NodeAddress;
import io.casty.benchmarks.points.PointsAccount;
import io.casty.sharding.ShardHash;
import io.casty.topology.Member;
import io.casty.topology.MemberStatus;
import io.casty.topology.ShardAllocation;
import io.casty.topology.TopologySnapshot;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The client's routing decision for one message, on a three-node topology: hash the entity id
 * to its shard, then read the shard's owner from the topology's allocation (the two map reads the
 * client's routing table makes before it hands the frame to the transport); and the lookup
 * alone. Through the public topology types: the client's table itself is internal.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 4, time = 1)
public class RoutingLookupBenchmark {

	private final String[] ids = MicroFixtures.entityIds();

	private final int[] shards = new int[ids.length];

	private Map<String, ShardAllocation> allocations;

	private int next;

	@Setup
	public void setUp() {
		List<NodeAddress> nodes = List.of(new NodeAddress("bench", "127.0.0.1", 25520),
				new NodeAddress("bench", "127.0.0.2", 25520), new NodeAddress("bench", "127.0.0.3", 25520));
		Map<Integer, NodeAddress> owners = new HashMap<>();
		for (int shard = 0; shard < PointsAccount.NUM_SHARDS; shard++) {
			owners.put(shard, nodes.get(shard % nodes.size()));
		}
		List<Member> members = nodes.stream().map(node -> new Member(node, node.host(), MemberStatus.UP)).toList();
		ShardAllocation allocation = new ShardAllocation(PointsAccount.SHARD_TYPE, PointsAccount.NUM_SHARDS, owners);
		TopologySnapshot snapshot = new TopologySnapshot(members, Set.of(), nodes.get(0),
				Map.of(PointsAccount.SHARD_TYPE, allocation), 1);
		allocations = snapshot.allocations();
		for (int i = 0; i < ids.length; i++) {
			shards[i] = ShardHash.shardOf(ids[i], PointsAccount.NUM_SHARDS);
		}
	}

	@Benchmark
	public NodeAddress hashAndLookup() {
		String id = ids[advance()];
		return allocations.get(PointsAccount.SHARD_TYPE).ownerOf(ShardHash.shardOf(id, PointsAccount.NUM_SHARDS));
	}

	@Benchmark
	public NodeAddress lookupOnly() {
		return allocations.get(PointsAccount.SHARD_TYPE).ownerOf(shards[advance()]);
	}

	private int advance() {
		int current = next;
		next = current + 1 == ids.length ? 0 : current + 1;
		return current;
	}
}
