package io.casty.cluster.membership;

import static org.assertj.core.api.Assertions.assertThat;

import io.casty.actor.NodeAddress;
import io.casty.topology.MemberStatus;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JoiningTest {

	private static final long MILLIS = 1_000_000L;

	private static final NodeAddress SEED_1 = new NodeAddress("test", "127.0.0.1", 25520);

	private static final NodeAddress SEED_2 = new NodeAddress("test", "127.0.0.2", 25520);

	private static final NodeAddress OTHER = new NodeAddress("test", "127.0.0.3", 25520);

	private static final List<NodeAddress> SEEDS = List.of(SEED_1, SEED_2);

	/** Gossip every 100 ms: the seed timeout is 500 ms. */
	private static final Duration GOSSIP_INTERVAL = Duration.ofMillis(100);

	private final Reachability reachability = new Reachability(8.0, Duration.ofSeconds(1), Duration.ofMillis(200));

	private static Joining startedAtZero(NodeAddress self) {
		return new Joining(SEEDS, GOSSIP_INTERVAL, self, "node", 0);
	}

	private static MemberRecord member(NodeAddress address, MemberStatus status) {
		return new MemberRecord(address, address.host(), 1, status, 0, Map.of());
	}

	private static Gossip gossip(MemberRecord... members) {
		Gossip gossip = Gossip.of(members[0]);
		for (MemberRecord member : members) {
			gossip = gossip.with(member);
		}
		return gossip;
	}

	@Test
	void aNodeWithNoOtherSeedFoundsTheClusterAtOnce() {
		Joining alone = new Joining(List.of(SEED_1), GOSSIP_INTERVAL, SEED_1, "node-1", 0);

		assertThat(alone.firstLife(1_000).status()).isEqualTo(MemberStatus.UP);
		assertThat(alone.otherSeeds()).isEmpty();
		assertThat(alone.incarnation()).isEqualTo(1_000);
	}

	@Test
	void aSeedFoundsTheClusterAfterTheSeedTimeoutWhenItIsTheLowestSeedWaiting() {
		Joining joining = startedAtZero(SEED_1);
		assertThat(joining.firstLife(1_000).status()).isEqualTo(MemberStatus.JOINING);
		assertThat(joining.otherSeeds()).containsExactly(SEED_2);
		Gossip waiting = gossip(member(SEED_1, MemberStatus.JOINING), member(SEED_2, MemberStatus.JOINING));

		assertThat(joining.foundsNow(waiting, reachability, 499 * MILLIS)).as("within the seed timeout").isFalse();
		assertThat(joining.foundsNow(waiting, reachability, 500 * MILLIS)).isTrue();
		assertThat(startedAtZero(SEED_2).foundsNow(waiting, reachability, 500 * MILLIS)).as("not the lowest").isFalse();
	}

	@Test
	void aSeedDoesNotFoundASecondClusterWhileOneRuns() {
		Gossip running = gossip(member(SEED_1, MemberStatus.JOINING), member(SEED_2, MemberStatus.UP));

		assertThat(startedAtZero(SEED_1).foundsNow(running, reachability, 10_000 * MILLIS)).isFalse();
	}

	@Test
	void aLowerSeedThatCannotBeReachedDoesNotStopTheNextFromFounding() {
		Gossip waiting = gossip(member(SEED_1, MemberStatus.JOINING), member(SEED_2, MemberStatus.JOINING));
		reachability.check(List.of(member(SEED_1, MemberStatus.JOINING)), 0);
		reachability.check(List.of(member(SEED_1, MemberStatus.JOINING)), 10_000 * MILLIS);

		assertThat(startedAtZero(SEED_2).foundsNow(waiting, reachability, 10_000 * MILLIS)).isTrue();
	}

	@Test
	void aNodeThatIsNotASeedNeverFounds() {
		Joining joining = startedAtZero(OTHER);
		Gossip waiting = gossip(member(OTHER, MemberStatus.JOINING));

		assertThat(joining.foundsNow(waiting, reachability, 10_000 * MILLIS)).isFalse();
	}

	@Test
	void aDownedNodeRejoinsAsAHigherIncarnationWithItsEntityTypesEvenIfTheWallClockWentBack() {
		Joining joining = startedAtZero(SEED_1);
		joining.firstLife(5_000);
		MemberRecord downed = new MemberRecord(SEED_1, "node", 5_000, MemberStatus.DOWN, 3, Map.of("counter", 10));

		MemberRecord next = joining.nextLife(downed, false, 4_000).orElseThrow();

		assertThat(next).isEqualTo(new MemberRecord(SEED_1, "node", 5_001, MemberStatus.JOINING, 4, Map.of("counter", 10)));
		assertThat(joining.incarnation()).isEqualTo(5_001);
	}

	@Test
	void aNodeRemovedWhileLeavingDoesNotRejoin() {
		Joining joining = startedAtZero(SEED_1);
		joining.firstLife(5_000);
		MemberRecord removed = new MemberRecord(SEED_1, "node", 5_000, MemberStatus.REMOVED, 0, Map.of());

		assertThat(joining.nextLife(removed, true, 6_000)).isEmpty();
		assertThat(joining.nextLife(removed, false, 6_000)).as("removed while not leaving").isPresent();
		assertThat(joining.nextLife(member(SEED_1, MemberStatus.UP), false, 7_000)).isEmpty();
	}
}
