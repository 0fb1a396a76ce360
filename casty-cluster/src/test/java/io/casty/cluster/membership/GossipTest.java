package io.casty.cluster.membership;

import static org.assertj.core.api.Assertions.assertThat;

import io.casty.actor.NodeAddress;
import io.casty.cluster.sharding.Allocations;
import io.casty.topology.MemberStatus;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GossipTest {

	private static final NodeAddress A = new NodeAddress("c", "127.0.0.1", 1);

	private static final NodeAddress B = new NodeAddress("c", "127.0.0.2", 1);

	private static MemberRecord record(NodeAddress address, long incarnation, MemberStatus status) {
		return new MemberRecord(address, "n", incarnation, status, 0, Map.of());
	}

	@Test
	void mergeIsCommutativeAssociativeAndIdempotent() {
		Gossip x = Gossip.of(record(A, 1, MemberStatus.UP));
		Gossip y = Gossip.of(record(A, 1, MemberStatus.LEAVING)).merge(Gossip.of(record(B, 1, MemberStatus.JOINING)));
		Gossip z = Gossip.of(record(B, 1, MemberStatus.UP))
			.with(new Allocations(3, B, Map.of()));

		assertThat(x.merge(y)).isEqualTo(y.merge(x));
		assertThat(x.merge(y).merge(z)).isEqualTo(x.merge(y.merge(z)));
		assertThat(x.merge(x)).isEqualTo(x);
	}

	@Test
	void statusOnlyMovesForwardWithinAnIncarnation() {
		Gossip merged = Gossip.of(record(A, 1, MemberStatus.DOWN)).merge(Gossip.of(record(A, 1, MemberStatus.UP)));

		assertThat(merged.members().get(A).status()).isEqualTo(MemberStatus.DOWN);
	}

	@Test
	void aNewIncarnationReplacesADownedMember() {
		Gossip merged = Gossip.of(record(A, 1, MemberStatus.DOWN)).merge(Gossip.of(record(A, 2, MemberStatus.JOINING)));

		assertThat(merged.members().get(A)).isEqualTo(record(A, 2, MemberStatus.JOINING));
	}
}
