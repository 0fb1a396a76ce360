package io.casty.cluster.membership;

import static org.assertj.core.api.Assertions.assertThat;

import io.casty.actor.NodeAddress;
import io.casty.cluster.membership.ClusterMessages.MembershipCheck;
import io.casty.cluster.membership.ClusterMessages.MembershipCheckReply;
import io.casty.cluster.sharding.HostingLease;
import io.casty.topology.MemberStatus;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HostingLeaseRenewalTest {

	private static final long MILLIS = 1_000_000L;

	private static final NodeAddress SELF = new NodeAddress("test", "127.0.0.1", 25520);

	private static final NodeAddress OTHER = new NodeAddress("test", "127.0.0.2", 25520);

	/** Down after 2 s, heartbeats every 300 ms: each extension lasts 1 s. */
	private final HostingLeaseRenewal lease = new HostingLeaseRenewal(Duration.ofSeconds(2), Duration.ofMillis(300),
			SELF, "node-1", 0);

	private static Gossip gossip() {
		return Gossip.of(new MemberRecord(SELF, "node-1", 1, MemberStatus.UP, 0, Map.of()))
			.with(new MemberRecord(OTHER, "node-2", 1, MemberStatus.UP, 0, Map.of()));
	}

	@Test
	void eachExtensionLastsHalfOfDownAfterOrTwoHeartbeatsWhicheverIsLonger() {
		assertThat(lease.current()).isEqualTo(new HostingLease(1_000 * MILLIS));

		HostingLeaseRenewal frequentDowning = new HostingLeaseRenewal(Duration.ofMillis(400), Duration.ofMillis(300),
				SELF, "node-1", 0);
		assertThat(frequentDowning.current()).isEqualTo(new HostingLease(600 * MILLIS));
	}

	@Test
	void whileTheLeaseRunsEveryHeartbeatExtendsIt() {
		assertThat(lease.onHeartbeat(true, 900 * MILLIS)).isEmpty();

		assertThat(lease.current()).isEqualTo(new HostingLease(1_900 * MILLIS));
	}

	@Test
	void onceTheLeaseRanOutOnlyAnAnswerToACheckSentSinceExtendsIt() {
		MembershipCheck first = lease.onHeartbeat(true, 5_000 * MILLIS).orElseThrow();
		MembershipCheck second = lease.onHeartbeat(true, 5_300 * MILLIS).orElseThrow();
		assertThat(first.from()).isEqualTo(SELF);
		assertThat(second.check()).isGreaterThan(first.check());
		assertThat(lease.current()).as("not extended meanwhile").isEqualTo(new HostingLease(1_000 * MILLIS));

		assertThat(lease.onReply(new MembershipCheckReply(gossip(), OTHER, first.check() - 1), gossip(), 5_400 * MILLIS))
			.as("an answer to a check from before the lapse").isFalse();
		assertThat(lease.onReply(new MembershipCheckReply(gossip(), OTHER, second.check()), gossip(), 5_500 * MILLIS))
			.isTrue();
		assertThat(lease.current()).isEqualTo(new HostingLease(6_500 * MILLIS));
		assertThat(lease.onReply(new MembershipCheckReply(gossip(), OTHER, first.check()), gossip(), 5_600 * MILLIS))
			.as("a late answer once the lease runs again").isFalse();
	}

	@Test
	void aNodeWithNoOtherMemberToAskExtendsItsLeaseEvenAfterItRanOut() {
		assertThat(lease.onHeartbeat(false, 5_000 * MILLIS)).isEmpty();

		assertThat(lease.current()).isEqualTo(new HostingLease(6_000 * MILLIS));
	}
}
