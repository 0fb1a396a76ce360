package io.casty.cluster.membership;

import static org.assertj.core.api.Assertions.assertThat;

import io.casty.actor.NodeAddress;
import io.casty.cluster.SplitBrainStrategy;
import io.casty.topology.MemberStatus;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KeepMajorityTest {

	private static final long MILLIS = 1_000_000L;

	private static final Duration DOWN_AFTER = Duration.ofSeconds(1);

	private static NodeAddress node(int index) {
		return new NodeAddress("test", "127.0.0." + index, 25520);
	}

	private static MemberRecord member(int index, MemberStatus status) {
		return new MemberRecord(node(index), "node-" + index, 1, status, 0, Map.of());
	}

	private static List<MemberRecord> up(int... indexes) {
		return Arrays.stream(indexes).mapToObj(index -> member(index, MemberStatus.UP)).toList();
	}

	@Test
	void moreThanHalfOfTheMembersIsAMajorityAndHalfIsOneOnlyWithTheLowestAddress() {
		List<MemberRecord> three = up(1, 2, 3);
		assertThat(KeepMajority.reachesMajority(three, Set.of())).isTrue();
		assertThat(KeepMajority.reachesMajority(three, Set.of(node(1)))).as("2 of 3").isTrue();
		assertThat(KeepMajority.reachesMajority(three, Set.of(node(1), node(2)))).as("1 of 3").isFalse();

		List<MemberRecord> four = up(1, 2, 3, 4);
		assertThat(KeepMajority.reachesMajority(four, Set.of(node(3), node(4)))).as("half, with the lowest").isTrue();
		assertThat(KeepMajority.reachesMajority(four, Set.of(node(1), node(2)))).as("the other half").isFalse();

		List<MemberRecord> two = up(1, 2);
		assertThat(KeepMajority.reachesMajority(two, Set.of(node(2)))).as("node-1 alone").isTrue();
		assertThat(KeepMajority.reachesMajority(two, Set.of(node(1)))).as("node-2 alone").isFalse();
	}

	@Test
	void onlyMembersThatMayOwnShardsCount() {
		List<MemberRecord> members = List.of(member(1, MemberStatus.UP), member(2, MemberStatus.LEAVING),
				member(3, MemberStatus.UP), member(4, MemberStatus.JOINING), member(5, MemberStatus.DOWN),
				member(6, MemberStatus.EXITING));

		assertThat(KeepMajority.reachesMajority(members, Set.of(node(1), node(4), node(5), node(6))))
			.as("2 of the 3 up or leaving").isTrue();
		assertThat(KeepMajority.reachesMajority(members, Set.of(node(1), node(2)))).as("1 of those 3").isFalse();
		assertThat(KeepMajority.reachesMajority(List.of(member(1, MemberStatus.JOINING)), Set.of()))
			.as("nobody owns shards yet").isTrue();
	}

	@Test
	void withoutAMajorityANodeStopsLeadingAtOnceAndStopsItsEntitiesHalfwayThroughDownAfter() {
		KeepMajority majority = new KeepMajority(SplitBrainStrategy.KEEP_MAJORITY, DOWN_AFTER, "node-3");
		List<MemberRecord> members = up(1, 2, 3);
		Set<NodeAddress> cutOff = Set.of(node(1), node(2));

		assertThat(majority.judge(members, cutOff, false, 1_000 * MILLIS)).isFalse();
		assertThat(majority.mayLead()).isFalse();
		assertThat(majority.hostsEntities()).as("a pause may end any moment").isTrue();
		assertThat(majority.stopEntitiesAfter()).isEqualTo(Duration.ofMillis(500));

		assertThat(majority.judge(members, cutOff, false, 1_499 * MILLIS)).isFalse();
		assertThat(majority.hostsEntities()).isTrue();
		assertThat(majority.judge(members, cutOff, false, 1_500 * MILLIS)).as("half of downAfter").isTrue();
		assertThat(majority.hostsEntities()).isFalse();
		assertThat(majority.judge(members, cutOff, false, 2_000 * MILLIS)).isFalse();

		assertThat(majority.judge(members, Set.of(node(2)), false, 2_100 * MILLIS)).as("node-1 is back").isTrue();
		assertThat(majority.mayLead()).isTrue();
		assertThat(majority.hostsEntities()).isTrue();
	}

	@Test
	void aMajorityBackBeforeHalfOfDownAfterLeavesTheEntitiesRunning() {
		KeepMajority majority = new KeepMajority(SplitBrainStrategy.KEEP_MAJORITY, DOWN_AFTER, "node-3");
		List<MemberRecord> members = up(1, 2, 3);

		majority.judge(members, Set.of(node(1), node(2)), false, 1_000 * MILLIS);
		assertThat(majority.judge(members, Set.of(), false, 1_100 * MILLIS)).isFalse();
		assertThat(majority.mayLead()).isTrue();

		majority.judge(members, Set.of(node(1), node(2)), false, 1_200 * MILLIS);
		assertThat(majority.judge(members, Set.of(node(1), node(2)), false, 1_600 * MILLIS))
			.as("the time without a majority starts again").isFalse();
		assertThat(majority.hostsEntities()).isTrue();
	}

	@Test
	void autoDownIgnoresTheMajority() {
		KeepMajority majority = new KeepMajority(SplitBrainStrategy.AUTO_DOWN, DOWN_AFTER, "node-3");

		assertThat(majority.judge(up(1, 2, 3), Set.of(node(1), node(2)), false, 10_000 * MILLIS)).isFalse();
		assertThat(majority.mayLead()).isTrue();
		assertThat(majority.hostsEntities()).isTrue();
	}

	@Test
	void aNodeWithAMajorityThatTheGossipedReachabilityPicksForDowningIsSidelinedTheSameWay() {
		KeepMajority majority = new KeepMajority(SplitBrainStrategy.KEEP_MAJORITY, DOWN_AFTER, "node-2");
		List<MemberRecord> members = up(1, 2, 3);
		// node-1 and node-2 cannot reach each other; both reach node-3, the verdict picks node-2.
		Set<NodeAddress> cutOff = Set.of(node(1));

		assertThat(majority.judge(members, cutOff, true, 1_000 * MILLIS)).isFalse();
		assertThat(majority.mayLead()).isFalse();
		assertThat(majority.hostsEntities()).isTrue();
		assertThat(majority.judge(members, cutOff, true, 1_500 * MILLIS)).as("half of downAfter").isTrue();
		assertThat(majority.hostsEntities()).isFalse();

		assertThat(majority.judge(members, cutOff, false, 1_600 * MILLIS)).as("not picked any more").isTrue();
		assertThat(majority.mayLead()).isTrue();
		assertThat(majority.hostsEntities()).isTrue();
	}
}
