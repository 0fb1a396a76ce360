package io.casty.cluster.membership;

import static org.assertj.core.api.Assertions.assertThat;

import io.casty.actor.NodeAddress;
import io.casty.topology.MemberStatus;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ReachabilityVerdictTest {

	private static NodeAddress node(int index) {
		return new NodeAddress("test", "127.0.0." + index, 25520);
	}

	private static Set<NodeAddress> nodes(int... indexes) {
		return Arrays.stream(indexes).mapToObj(ReachabilityVerdictTest::node).collect(Collectors.toSet());
	}

	/** Every member of {@code from} cannot reach any of {@code to}. */
	private static Map<NodeAddress, Set<NodeAddress>> cannotReach(Set<NodeAddress> from, Set<NodeAddress> to) {
		Map<NodeAddress, Set<NodeAddress>> observations = new HashMap<>();
		from.forEach(observer -> observations.put(observer, to));
		return observations;
	}

	private static Set<NodeAddress> verdict(Map<NodeAddress, Set<NodeAddress>> observations) {
		return ReachabilityVerdict.membersToDown(observations);
	}

	@Test
	void whenEveryoneReachesEveryoneNobodyIsPicked() {
		assertThat(verdict(Map.of())).isEmpty();
	}

	@Test
	void aMemberNobodyReachesIsPicked() {
		assertThat(verdict(cannotReach(nodes(1, 2), nodes(3)))).isEqualTo(nodes(3));
		assertThat(verdict(cannotReach(nodes(2, 3), nodes(1)))).as("the lowest address too").isEqualTo(nodes(1));
	}

	@Test
	void aMemberThatReachesNobodyIsPickedRatherThanEveryoneItCannotReach() {
		assertThat(verdict(cannotReach(nodes(1), nodes(2, 3, 4, 5)))).isEqualTo(nodes(1));
	}

	@Test
	void ofTwoMembersThatCannotReachEachOtherTheHigherAddressIsPicked() {
		Map<NodeAddress, Set<NodeAddress>> observations = Map.of(node(1), nodes(2), node(2), nodes(1));

		assertThat(verdict(observations)).isEqualTo(nodes(2));
		assertThat(verdict(Map.of(node(2), nodes(3), node(3), nodes(2)))).as("node-1 reaches both").isEqualTo(nodes(3));
	}

	@Test
	void whileOnlyOneMemberNoticedAnothersSilenceTheSilentOneIsPicked() {
		assertThat(verdict(Map.of(node(1), nodes(2)))).isEqualTo(nodes(2));
		assertThat(verdict(Map.of(node(2), nodes(1)))).as("the lowest address too").isEqualTo(nodes(1));
	}

	@Test
	void bothSidesOfACleanPartitionPickTheSmallerSideAsKeepMajorityStopsIt() {
		Set<NodeAddress> majority = nodes(1, 4, 5);
		Set<NodeAddress> minority = nodes(2, 3);

		assertThat(verdict(cannotReach(majority, minority))).as("the majority's view").isEqualTo(minority);
		assertThat(verdict(cannotReach(minority, majority))).as("the minority's view").isEqualTo(minority);
		Map<NodeAddress, Set<NodeAddress>> both = cannotReach(majority, minority);
		both.putAll(cannotReach(minority, majority));
		assertThat(verdict(both)).as("once the views meet").isEqualTo(minority);
	}

	@Test
	void ofTwoEqualSidesTheOneWithTheLowestAddressGoesOn() {
		Set<NodeAddress> withLowest = nodes(1, 4);
		Set<NodeAddress> other = nodes(2, 3);
		List<MemberRecord> members = List.of(up(1), up(2), up(3), up(4));

		assertThat(verdict(cannotReach(withLowest, other))).as("its view spares it").isEqualTo(other);
		assertThat(KeepMajority.reachesMajority(members, other)).as("and it has the majority").isTrue();
		// The other side's view picks the first side, whose members are its subjects; but that
		// side reaches no majority, so it stops whatever its verdict.
		assertThat(verdict(cannotReach(other, withLowest))).isEqualTo(withLowest);
		assertThat(KeepMajority.reachesMajority(members, withLowest)).isFalse();
	}

	@Test
	void aPartialPartitionBesideACrashPicksTheCrashedMemberAndOneOfThePair() {
		// node-5 crashed; node-1 and node-2 cannot reach each other; node-3 and node-4 reach all but node-5.
		Map<NodeAddress, Set<NodeAddress>> observations = Map.of(node(1), nodes(2, 5), node(2), nodes(1, 5), node(3),
				nodes(5), node(4), nodes(5));

		assertThat(verdict(observations)).isEqualTo(nodes(2, 5));
	}

	@Test
	void theMembersSparedAllReachEachOther() {
		// A ring of cuts: each of 5 members cannot reach the next one.
		Map<NodeAddress, Set<NodeAddress>> ring = new HashMap<>();
		for (int i = 1; i <= 5; i++) {
			ring.put(node(i), nodes(i % 5 + 1));
		}
		Set<NodeAddress> picked = verdict(ring);

		ring.forEach((observer, subjects) -> subjects
			.forEach(subject -> assertThat(picked).as(observer + " cannot reach " + subject).containsAnyOf(observer, subject)));
		assertThat(picked).hasSize(3);
	}

	private static MemberRecord up(int index) {
		return new MemberRecord(node(index), "node-" + index, 1, MemberStatus.UP, 0, Map.of());
	}
}
