package io.casty.cluster.membership;

import static org.assertj.core.api.Assertions.assertThat;

import io.casty.actor.NodeAddress;
import io.casty.cluster.sharding.Allocations;
import io.casty.cluster.sharding.HandOff;
import io.casty.cluster.sharding.TypeAllocation;
import io.casty.topology.MemberStatus;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LeaderActionsTest {

	private static final NodeAddress A = new NodeAddress("c", "127.0.0.1", 1);

	private static final NodeAddress B = new NodeAddress("c", "127.0.0.2", 1);

	private static final NodeAddress C = new NodeAddress("c", "127.0.0.3", 1);

	private static final NodeAddress D = new NodeAddress("c", "127.0.0.4", 1);

	private static MemberRecord member(NodeAddress address, MemberStatus status) {
		return new MemberRecord(address, address.host(), 1, status, 1, Map.of("t", 10));
	}

	private static Gossip gossip(MemberRecord... members) {
		Map<NodeAddress, MemberRecord> map = new HashMap<>();
		for (MemberRecord member : members) {
			map.put(member.address(), member);
		}
		return new Gossip(map, Allocations.NONE, ReachabilityTable.EMPTY);
	}

	private static Gossip act(Gossip gossip) {
		return LeaderActions.apply(gossip, A, Set.of(), Set.of(), 3);
	}

	private static TypeAllocation allocationOf(Gossip gossip) {
		return gossip.allocations().types().get("t");
	}

	private static Map<NodeAddress, Integer> owned(TypeAllocation allocation) {
		Map<NodeAddress, Integer> counts = new HashMap<>();
		allocation.owners().values().forEach(owner -> counts.merge(owner, 1, Integer::sum));
		return counts;
	}

	/** Completes every hand-off, as the old owners' regions would report, then acts again. */
	private static Gossip settle(Gossip gossip) {
		Gossip current = act(gossip);
		for (int round = 0; round < 20 && !allocationOf(current).handOffs().isEmpty(); round++) {
			TypeAllocation type = allocationOf(current);
			Map<Integer, NodeAddress> owners = new HashMap<>(type.owners());
			type.handOffs().forEach((shard, handOff) -> owners.put(shard, handOff.to()));
			Allocations done = new Allocations(current.allocations().epoch() + 1, A,
					Map.of("t", new TypeAllocation("t", type.numShards(), owners, Map.of())));
			current = act(current.with(done));
		}
		return current;
	}

	@Test
	void joiningMembersComeUpAndEveryShardIsAllocated() {
		Gossip next = act(gossip(member(A, MemberStatus.UP), member(B, MemberStatus.JOINING)));

		assertThat(next.members().get(B).status()).isEqualTo(MemberStatus.UP);
		assertThat(allocationOf(next).owners()).hasSize(10);
		assertThat(owned(allocationOf(next))).containsOnlyKeys(A, B)
			.allSatisfy((member, count) -> assertThat(count).isEqualTo(5));
		assertThat(next.allocations().epoch()).isEqualTo(1);
		assertThat(next.allocations().allocator()).isEqualTo(A);
	}

	@Test
	void aNewMemberGetsShardsThroughBoundedHandOffs() {
		Gossip settled = settle(gossip(member(A, MemberStatus.UP), member(B, MemberStatus.UP), member(C, MemberStatus.UP)));
		assertThat(owned(allocationOf(settled)).values()).allSatisfy(count -> assertThat(count).isBetween(3, 4));

		Gossip withD = act(settled.with(member(D, MemberStatus.UP)));

		assertThat(allocationOf(withD).handOffs()).hasSizeBetween(1, 3)
			.allSatisfy((shard, handOff) -> assertThat(handOff.to()).isEqualTo(D));
		assertThat(owned(allocationOf(settle(withD))).values()).allSatisfy(count -> assertThat(count).isBetween(2, 3));
	}

	@Test
	void aLeavingMembersShardsAreHandedOffThenItExits() {
		Gossip settled = settle(gossip(member(A, MemberStatus.UP), member(B, MemberStatus.UP)));

		Gossip leaving = act(settled.with(member(B, MemberStatus.LEAVING)));

		assertThat(allocationOf(leaving).owners()).doesNotContainValue(B);
		assertThat(allocationOf(leaving).handOffs()).hasSize(5)
			.allSatisfy((shard, handOff) -> assertThat(handOff).isEqualTo(new HandOff(B, A)));
		assertThat(leaving.members().get(B).status()).isEqualTo(MemberStatus.LEAVING);
		Gossip handedOff = settle(leaving);
		assertThat(handedOff.members().get(B).status()).isEqualTo(MemberStatus.EXITING);
		assertThat(owned(allocationOf(handedOff))).containsExactly(Map.entry(A, 10));
	}

	@Test
	void membersUnreachableTooLongAreDownedAndTheirShardsReallocatedAtOnce() {
		Gossip settled = settle(gossip(member(A, MemberStatus.UP), member(B, MemberStatus.UP)));

		Gossip downed = LeaderActions.apply(settled, A, Set.of(B), Set.of(B), 3);

		assertThat(downed.members().get(B).status()).isEqualTo(MemberStatus.DOWN);
		assertThat(allocationOf(downed).handOffs()).isEmpty();
		assertThat(owned(allocationOf(downed))).containsExactly(Map.entry(A, 10));
	}

	@Test
	void anUnreachableMemberKeepsItsShardsUntilItIsDowned() {
		Gossip settled = settle(gossip(member(A, MemberStatus.UP), member(B, MemberStatus.UP)));

		Gossip suspected = LeaderActions.apply(settled, A, Set.of(B), Set.of(), 3);

		assertThat(suspected).isEqualTo(settled);
	}

	@Test
	void theResultDoesNotDependOnTheOrderOfMembers() {
		Gossip forward = act(gossip(member(A, MemberStatus.UP), member(B, MemberStatus.UP), member(C, MemberStatus.UP)));
		Gossip backward = act(gossip(member(C, MemberStatus.UP), member(B, MemberStatus.UP), member(A, MemberStatus.UP)));

		assertThat(forward).isEqualTo(backward);
	}

	@Test
	void nothingChangesWhenNothingNeedsTo() {
		Gossip settled = settle(gossip(member(A, MemberStatus.UP), member(B, MemberStatus.UP)));

		assertThat(act(settled)).isSameAs(settled);
		assertThat(List.of(settled.allocations().epoch())).allSatisfy(epoch -> assertThat(epoch).isPositive());
	}
}
