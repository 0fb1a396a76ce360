package io.casty.cluster.membership;

import static org.assertj.core.api.Assertions.assertThat;

import io.casty.actor.NodeAddress;
import io.casty.topology.MemberStatus;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReachabilityTableTest {

	private static final NodeAddress A = new NodeAddress("c", "127.0.0.1", 1);

	private static final NodeAddress B = new NodeAddress("c", "127.0.0.2", 1);

	private static final NodeAddress C = new NodeAddress("c", "127.0.0.3", 1);

	private static MemberRecord member(NodeAddress address, long incarnation, MemberStatus status) {
		return new MemberRecord(address, address.host(), incarnation, status, 0, Map.of());
	}

	private static Map<NodeAddress, MemberRecord> upAt(long incarnation) {
		return Map.of(A, member(A, incarnation, MemberStatus.UP), B, member(B, incarnation, MemberStatus.UP), C,
				member(C, incarnation, MemberStatus.UP));
	}

	@Test
	void eachObserverWritesItsOwnRowAndTheLaterRowWinsWhateverTheOrderOfMerges() {
		ReachabilityTable fromA = ReachabilityTable.EMPTY.withRow(A, 1, Map.of(B, 1L));
		ReachabilityTable fromB = ReachabilityTable.EMPTY.withRow(B, 1, Map.of(A, 1L));
		ReachabilityTable aHealed = fromA.withRow(A, 1, Map.of());

		assertThat(aHealed.rows().get(A).version()).isEqualTo(2);
		assertThat(fromA.merge(fromB).merge(aHealed)).isEqualTo(aHealed.merge(fromB.merge(fromA)));
		assertThat(fromA.merge(aHealed).rows().get(A).unreachable()).isEmpty();
		assertThat(aHealed.merge(fromA)).isEqualTo(aHealed);
		assertThat(fromA.merge(fromA)).isSameAs(fromA);
	}

	@Test
	void aRowThatSaysNothingNewChangesNothing() {
		ReachabilityTable fromA = ReachabilityTable.EMPTY.withRow(A, 1, Map.of(B, 1L));

		assertThat(fromA.withRow(A, 1, Map.of(B, 1L))).isSameAs(fromA);
		assertThat(ReachabilityTable.EMPTY.withRow(A, 1, Map.of())).as("an observer that reaches everyone")
			.isSameAs(ReachabilityTable.EMPTY);
	}

	@Test
	void aRestartedObserversFirstRowReplacesItsPreviousLifesWhateverItsVersion() {
		ReachabilityTable oldLife = ReachabilityTable.EMPTY.withRow(A, 1, Map.of(B, 1L))
			.withRow(A, 1, Map.of(B, 1L, C, 1L))
			.withRow(A, 1, Map.of(C, 1L));
		ReachabilityTable newLife = ReachabilityTable.EMPTY.withRow(A, 2, Map.of(B, 1L));

		assertThat(oldLife.merge(newLife).rows().get(A)).isEqualTo(newLife.rows().get(A));
		assertThat(newLife.merge(oldLife).rows().get(A)).isEqualTo(newLife.rows().get(A));
	}

	@Test
	void observationsCountOnlyTheCurrentLivesOfMembersThatAreNotDownedOrRemoved() {
		ReachabilityTable table = ReachabilityTable.EMPTY.withRow(A, 1, Map.of(B, 1L, C, 1L))
			.withRow(B, 1, Map.of(A, 1L))
			.withRow(C, 1, Map.of(A, 1L));
		Map<NodeAddress, MemberRecord> members = Map.of(A, member(A, 1, MemberStatus.UP),
				B, member(B, 2, MemberStatus.JOINING), C, member(C, 1, MemberStatus.DOWN));

		assertThat(table.observations(upAt(1))).isEqualTo(Map.of(A, Set.of(B, C), B, Set.of(A), C, Set.of(A)));
		// B restarted: what A said of its previous life, and what that life said, no longer count; C was downed.
		assertThat(table.observations(members)).isEmpty();
	}
}
