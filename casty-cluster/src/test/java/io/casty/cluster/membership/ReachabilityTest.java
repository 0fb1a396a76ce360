package io.casty.cluster.membership;

import static org.assertj.core.api.Assertions.assertThat;

import io.casty.actor.NodeAddress;
import io.casty.topology.MemberStatus;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReachabilityTest {

	private static final long MILLIS = 1_000_000L;

	private static final NodeAddress NODE_2 = new NodeAddress("test", "127.0.0.2", 25520);

	/** Heartbeats every 200 ms, 1 s of silence tolerated on top: the soak's and the IT's settings. */
	private final Reachability reachability = new Reachability(8.0, Duration.ofSeconds(1), Duration.ofMillis(200));

	private static MemberRecord node2(long incarnation) {
		return new MemberRecord(NODE_2, "node-2", incarnation, MemberStatus.UP, 0, Map.of());
	}

	/** Heartbeats from node-2 every 200 ms from {@code from} to {@code to}, checked after each. */
	private void heartbeats(MemberRecord member, long from, long to) {
		for (long t = from; t <= to; t += 200 * MILLIS) {
			reachability.heartbeat(member.address(), t);
			reachability.check(List.of(member), t);
		}
	}

	@Test
	void aSilentMemberBecomesUnreachableAndReachableAgainWhenItsHeartbeatsResume() {
		MemberRecord member = node2(1);
		heartbeats(member, 0, 5_000 * MILLIS);

		assertThat(reachability.check(List.of(member), 5_500 * MILLIS)).isFalse();
		assertThat(reachability.isUnreachable(NODE_2)).as("0.5 s of silence").isFalse();
		assertThat(reachability.check(List.of(member), 7_000 * MILLIS)).isTrue();
		assertThat(reachability.unreachable()).as("2 s of silence").containsExactly(NODE_2);
		assertThat(reachability.unreachableLongerThan(Duration.ofMillis(500), 7_400 * MILLIS)).isEmpty();
		assertThat(reachability.unreachableLongerThan(Duration.ofMillis(500), 7_600 * MILLIS)).containsExactly(NODE_2);

		reachability.heartbeat(NODE_2, 7_700 * MILLIS);
		assertThat(reachability.check(List.of(member), 7_700 * MILLIS)).isTrue();
		assertThat(reachability.unreachable()).isEmpty();
	}

	@Test
	void aMemberRestartedAtTheSameAddressIsJudgedByItsNewLifeOnly() {
		MemberRecord before = node2(1);
		heartbeats(before, 0, 5_000 * MILLIS);

		// It stops at 5 s; its new life joins 1.4 s later and has not sent a heartbeat yet.
		MemberRecord restarted = node2(2);
		reachability.check(List.of(restarted), 6_400 * MILLIS);
		assertThat(reachability.isUnreachable(NODE_2)).as("1.4 s after the old life's last heartbeat").isFalse();

		heartbeats(restarted, 6_600 * MILLIS, 8_000 * MILLIS);
		assertThat(reachability.unreachable()).isEmpty();
	}

	@Test
	void aMemberNoLongerWatchedIsForgotten() {
		MemberRecord member = node2(1);
		heartbeats(member, 0, 2_000 * MILLIS);
		reachability.check(List.of(member), 5_000 * MILLIS);
		assertThat(reachability.isUnreachable(NODE_2)).isTrue();

		assertThat(reachability.check(List.of(), 5_100 * MILLIS)).as("a change").isTrue();

		assertThat(reachability.unreachable()).isEmpty();
		reachability.heartbeat(NODE_2, 5_200 * MILLIS);
		assertThat(reachability.check(List.of(), 5_200 * MILLIS)).isFalse();
	}
}
