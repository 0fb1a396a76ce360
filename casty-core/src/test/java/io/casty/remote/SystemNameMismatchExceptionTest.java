package io.casty.remote;

import static org.assertj.core.api.Assertions.assertThat;

import io.casty.actor.NodeAddress;
import org.junit.jupiter.api.Test;

/** A node's Reject is recognised as a system name mismatch only when its reason is exactly that one. */
class SystemNameMismatchExceptionTest {

	private final NodeAddress node = new NodeAddress("wrong", "127.0.0.1", 25520);

	private final NodeAddress self = new NodeAddress("wrong", "client-1", NodeAddress.NO_PORT);

	@Test
	void theReasonANodeGivesIsReadBackWithBothNames() {
		String reason = SystemNameMismatchException.rejectReason(self, "right");

		assertThat(SystemNameMismatchException.fromReject(node, self, reason)).hasValueSatisfying(mismatch -> {
			assertThat(mismatch.systemName()).isEqualTo("wrong");
			assertThat(mismatch.nodeSystemName()).isEqualTo("right");
			assertThat(mismatch.node()).isEqualTo(node);
		});
	}

	@Test
	void otherReasonsAndReasonsCutShortAreNotMismatches() {
		String reason = SystemNameMismatchException.rejectReason(self, "right");

		assertThat(SystemNameMismatchException.fromReject(node, self, "no handshake within 10000 ms")).isEmpty();
		assertThat(SystemNameMismatchException.fromReject(node, self, reason.substring(0, reason.length() - 10)))
			.isEmpty();
		assertThat(SystemNameMismatchException.fromReject(node,
				new NodeAddress("wrong", "client-2", NodeAddress.NO_PORT), reason))
			.as("a reason about another peer's Hello")
			.isEmpty();
	}
}
