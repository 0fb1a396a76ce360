package io.casty.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.casty.actor.NodeAddress;
import io.casty.sharding.ShardHash;
import io.casty.topology.Member;
import io.casty.topology.ShardAllocation;
import io.casty.topology.TopologySnapshot;
import java.time.Duration;
import java.util.HashSet;

/** Waits on what a client sees of the cluster. */
final class Topologies {

	private Topologies() {
	}

	/**
	 * Waits until the client sees {@code members} up members, each owning shards of the test
	 * counter, with every shard allocated; returns that topology.
	 */
	static TopologySnapshot awaitShardsSpreadOver(ClusterClient client, int members, Duration timeout) {
		return awaitShardsSpreadOver(client, TestEntities.SHARD_TYPE, members, timeout);
	}

	/** The same for the shards of {@code shardType}. */
	static TopologySnapshot awaitShardsSpreadOver(ClusterClient client, String shardType, int members,
			Duration timeout) {
		await().atMost(timeout).untilAsserted(() -> {
			assertThat(client.topology()).isPresent();
			TopologySnapshot topology = client.topology().get();
			assertThat(topology.upMembers()).hasSize(members);
			assertThat(topology.allocation(shardType)).isPresent();
			ShardAllocation allocation = topology.allocation(shardType).get();
			assertThat(allocation.isFullyAllocated()).isTrue();
			assertThat(new HashSet<>(allocation.owners().values())).hasSize(members);
		});
		return client.topology().orElseThrow();
	}

	/** The id of the node that owns the shard of {@code entityId} in {@code topology}. */
	static String ownerOf(TopologySnapshot topology, String shardType, int numShards, String entityId) {
		NodeAddress owner = topology.allocation(shardType).orElseThrow().ownerOf(ShardHash.shardOf(entityId, numShards));
		return topology.members()
			.stream()
			.filter(member -> member.address().equals(owner))
			.map(Member::nodeId)
			.findFirst()
			.orElseThrow();
	}
}
