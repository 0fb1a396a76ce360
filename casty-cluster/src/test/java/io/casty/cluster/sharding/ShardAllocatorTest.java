package io.casty.cluster.sharding;

import static org.assertj.core.api.Assertions.assertThat;

import io.casty.actor.NodeAddress;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShardAllocatorTest {

	private static final NodeAddress A = new NodeAddress("c", "127.0.0.1", 1);

	private static final NodeAddress B = new NodeAddress("c", "127.0.0.2", 1);

	private static final NodeAddress C = new NodeAddress("c", "127.0.0.3", 1);

	@Test
	void everyShardGoesToTheOnlyMember() {
		Map<Integer, NodeAddress> owners = ShardAllocator.allocate(10, Map.of(), List.of(A));

		assertThat(owners).hasSize(10).allSatisfy((shard, owner) -> assertThat(owner).isEqualTo(A));
	}

	@Test
	void shardsSpreadEvenlyOverMembers() {
		Map<Integer, NodeAddress> owners = ShardAllocator.allocate(10, Map.of(), List.of(C, A, B));

		assertThat(countsOf(owners.values())).containsOnlyKeys(A, B, C)
			.allSatisfy((member, count) -> assertThat(count).isBetween(3, 4));
	}

	@Test
	void existingAllocationsAreKeptAndOnlyOrphansMove() {
		Map<Integer, NodeAddress> current = ShardAllocator.allocate(6, Map.of(), List.of(A, B, C));

		Map<Integer, NodeAddress> withoutC = ShardAllocator.allocate(6, current, List.of(A, B));

		current.forEach((shard, owner) -> {
			if (!owner.equals(C)) {
				assertThat(withoutC.get(shard)).isEqualTo(owner);
			}
		});
		assertThat(withoutC.values()).doesNotContain(C).hasSize(6);
		assertThat(countsOf(withoutC.values())).allSatisfy((member, count) -> assertThat(count).isEqualTo(3));
	}

	@Test
	void allocationIsTheSameWhateverTheOrderOfMembers() {
		assertThat(ShardAllocator.allocate(7, Map.of(), List.of(A, B, C)))
			.isEqualTo(ShardAllocator.allocate(7, Map.of(), List.of(C, B, A)));
	}

	@Test
	void nothingIsAllocatedWithoutMembers() {
		assertThat(ShardAllocator.allocate(5, Map.of(), List.of())).isEmpty();
	}

	private static Map<NodeAddress, Integer> countsOf(Collection<NodeAddress> owners) {
		Map<NodeAddress, Integer> counts = new HashMap<>();
		owners.forEach(owner -> counts.merge(owner, 1, Integer::sum));
		return counts;
	}
}
