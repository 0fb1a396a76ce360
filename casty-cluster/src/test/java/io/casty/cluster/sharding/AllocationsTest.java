package io.casty.cluster.sharding;

import static org.assertj.core.api.Assertions.assertThat;

import io.casty.actor.NodeAddress;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AllocationsTest {

	private static final NodeAddress A = new NodeAddress("c", "127.0.0.1", 1);

	private static final NodeAddress B = new NodeAddress("c", "127.0.0.2", 1);

	@Test
	void theHigherAllocationEpochWinsAndTiesGoToTheLowerAllocator() {
		Allocations older = new Allocations(2, A, Map.of());
		Allocations newer = new Allocations(3, B, Map.of());
		Allocations tieFromB = new Allocations(3, B, Map.of("t", TypeAllocation.empty("t", 1)));
		Allocations tieFromA = new Allocations(3, A, Map.of());

		assertThat(older.merge(newer)).isEqualTo(newer);
		assertThat(newer.merge(older)).isEqualTo(newer);
		assertThat(tieFromB.merge(tieFromA)).isEqualTo(tieFromA);
		assertThat(tieFromA.merge(tieFromB)).isEqualTo(tieFromA);
	}

	@Test
	void aCompletedHandOffMakesItsTargetTheOwnerInTheNextEpoch() {
		Allocations moving = new Allocations(4, A, Map.of("t",
				new TypeAllocation("t", 2, Map.of(0, A), Map.of(1, new HandOff(A, B)))));

		Allocations done = moving.withHandOffComplete("t", 1, A, B);

		assertThat(done.epoch()).isEqualTo(5);
		assertThat(done.allocator()).isEqualTo(B);
		assertThat(done.types().get("t")).isEqualTo(new TypeAllocation("t", 2, Map.of(0, A, 1, B), Map.of()));
	}

	@Test
	void aReportOfAHandOffNotUnderWayChangesNothing() {
		Allocations moving = new Allocations(4, A, Map.of("t",
				new TypeAllocation("t", 2, Map.of(0, A), Map.of(1, new HandOff(A, B)))));

		assertThat(moving.withHandOffComplete("t", 0, A, A)).as("a settled shard").isSameAs(moving);
		assertThat(moving.withHandOffComplete("t", 1, B, A)).as("from a member it does not move from").isSameAs(moving);
		assertThat(moving.withHandOffComplete("other", 1, A, A)).as("a type not allocated").isSameAs(moving);
	}
}
