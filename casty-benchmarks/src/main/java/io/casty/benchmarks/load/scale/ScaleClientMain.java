package io.casty.benchmarks.load.scale;

import io.casty.actor.NodeAddress;
import io.casty.benchmarks.load.Failure;
import io.casty.benchmarks.load.Figure;
import io.casty.benchmarks.load.LoadRun;
import io.casty.benchmarks.load.Results;
import io.casty.benchmarks.load.Target;
import io.casty.benchmarks.load.WorkloadFailure;
import io.casty.benchmarks.load.casty.CastySystem;
import io.casty.benchmarks.points.PointsAccount;
import io.casty.client.ClusterClient;
import io.casty.topology.Member;
import io.casty.topology.ShardAllocation;
import io.casty.topology.TopologySnapshot;
import java.util.HashMap;
import java.util.IntSummaryStatistics;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The client JVM of one part of the memory and scale run: connects to the cluster, waits until
 * its nodes share the shards evenly, runs the part and prints each figure or failure as a line
 * for the harness ({@link Results#printingLines}).
 *
 * <p>Arguments: {@code <part> <nodes> <shards> <host:port,...> [--name=value ...]}
 * ({@link ScaleSettings}), where the part is {@value LiveEntities#WORKLOAD},
 * {@value InFlightAsks#WORKLOAD} or {@value #LATENCY}.
 */
public final class ScaleClientMain {

	/** The part that runs the load generator's workloads ({@link LoadRun}) on a cluster shape. */
	static final String LATENCY = "latency";

	private ScaleClientMain() {
	}

	public static void main(String[] args) {
		ScaleSettings settings = ScaleSettings.DEFAULTS.with(List.of(args).subList(4, args.length));
		run(args[0], Integer.parseInt(args[1]), Integer.parseInt(args[2]), List.of(args[3].split(",")), settings,
				Results.printingLines(System.out));
		// The client's threads are closed; the run is over.
		System.exit(0);
	}

	/**
	 * Connects to the cluster at {@code contactPoints}, waits until its {@code nodes} nodes
	 * share the accounts' {@code shards} shards evenly, and runs one part; its figures and
	 * failures go to {@code results}.
	 */
	static void run(String part, int nodes, int shards, List<String> contactPoints, ScaleSettings settings,
			Results results) {
		if (!List.of(LiveEntities.WORKLOAD, InFlightAsks.WORKLOAD, LATENCY).contains(part)) {
			throw new IllegalArgumentException("part : '" + part + "' (expected " + LiveEntities.WORKLOAD + ", "
					+ InFlightAsks.WORKLOAD + " or " + LATENCY + ")");
		}
		ClusterClient.Builder builder = CastySystem.client(contactPoints, settings.load().askTimeout())
			.registerMessages(NodeProbe.MESSAGES)
			.registerMessages(HeldReplies.MESSAGES);
		if (part.equals(LiveEntities.WORKLOAD)) {
			// A node with a full heap stops for seconds while the probe collects it, and sends no
			// topology meanwhile: the client must wait for it rather than drop its connection
			// (and the probe's reply with it).
			builder.subscriptionTimeout(LiveEntities.PROBE_TIMEOUT);
		}
		if (part.equals(InFlightAsks.WORKLOAD)) {
			// Every held ask, and the one that counts them.
			builder.maxInFlightAsks(settings.pendingAsks() + 1);
		}
		int entities = part.equals(LiveEntities.WORKLOAD) ? settings.liveEntities() : settings.load().entities();
		try {
			ClusterClient client = builder.build();
			// The accounts close the client.
			try (Target accounts = CastySystem.target(client, entities, shards)) {
				awaitEvenShards(client, nodes);
				switch (part) {
					case LiveEntities.WORKLOAD -> new LiveEntities(client, accounts, settings).run(results);
					case InFlightAsks.WORKLOAD -> new InFlightAsks(client, settings).run(results);
					default -> {
						new LoadRun(accounts, settings.load(), results).run();
						// One connection per node: the client sends each message straight to its owner.
						results.add(new Figure("client", "connections", client.state().connectedNodes(), "count"));
					}
				}
			}
		}
		catch (WorkloadFailure ex) {
			results.add(ex.failure());
		}
		catch (Exception ex) {
			results.add(new Failure(part, ex.toString()));
		}
	}

	/**
	 * Waits until the client's topology shows every node up and every node owning as many of
	 * the accounts' shards as any other, give or take one: a node that joins takes its share of
	 * shards from the first one, and the figures are of the cluster once it has.
	 */
	private static void awaitEvenShards(ClusterClient client, int nodes) throws WorkloadFailure, InterruptedException {
		client.awaitTopology(CastySystem.STARTUP_TIMEOUT);
		long deadline = System.nanoTime() + CastySystem.STARTUP_TIMEOUT.toNanos();
		while (true) {
			Optional<TopologySnapshot> topology = client.topology();
			if (topology.isPresent() && isEven(topology.get(), nodes)) {
				return;
			}
			if (System.nanoTime() > deadline) {
				throw new WorkloadFailure("cluster", "the " + nodes + " nodes did not share the shards evenly within "
						+ CastySystem.STARTUP_TIMEOUT.toSeconds() + " s; last topology: " + topology.orElse(null));
			}
			Thread.sleep(100);
		}
	}

	private static boolean isEven(TopologySnapshot topology, int nodes) {
		List<Member> up = topology.upMembers();
		Optional<ShardAllocation> accounts = topology.allocation(PointsAccount.SHARD_TYPE);
		boolean allocated = Stream.of(PointsAccount.SHARD_TYPE, NodeProbe.SHARD_TYPE, HeldReplies.SHARD_TYPE)
			.allMatch(type -> topology.allocation(type).map(ShardAllocation::isFullyAllocated).orElse(false));
		if (up.size() != nodes || !allocated) {
			return false;
		}
		Map<NodeAddress, Integer> shardsByNode = new HashMap<>();
		up.forEach(member -> shardsByNode.put(member.address(), 0));
		accounts.get().owners().values().forEach(owner -> shardsByNode.merge(owner, 1, Integer::sum));
		IntSummaryStatistics shards = shardsByNode.values().stream().mapToInt(Integer::intValue).summaryStatistics();
		return shardsByNode.size() == nodes && shards.getMax() - shards.getMin() <= 1;
	}
}
