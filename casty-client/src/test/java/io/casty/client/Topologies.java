package io.casty.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
		await().atMost(timeout).untilAsserted(() -> {
			assertThat(client.topology()).isPresent();
			TopologySnapshot topology = client.topology().get();
			assertThat(topology.upMembers()).hasSize(members);
			assertThat(topology.allocation(TestEntities.SHARD_TYPE)).isPresent();
			ShardAllocation allocation = topology.allocation(TestEntities.SHARD_TYPE).get();
			assertThat(allocation.isFullyAllocated()).isTrue();
			assertThat(new HashSet<>(allocation.owners().values())).hasSize(members);
		});
		return client.topology().orElseThrow();
	}
}
