package io.casty.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.casty.actor.NodeAddress;
import io.casty.remote.Connection;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SentAsksTest {

	private static final NodeAddress NODE = new NodeAddress("test", "127.0.0.1", 2552);

	private static final EntityRef<?> ORDERS = new EntityRef<>(null, "orders", 10);

	private final ManualTimer timer = new ManualTimer();

	private final SentAsks sentAsks = new SentAsks(timer);

	private final List<AskOutcome> outcomes = new ArrayList<>();

	/** A connection whose state the test sets. */
	private static final class TestConnection implements Connection {

		private final boolean established;

		private volatile boolean closed;

		TestConnection(boolean established) {
			this.established = established;
		}

		@Override
		public NodeAddress peer() {
			return NODE;
		}

		@Override
		public boolean isClosed() {
			return closed;
		}

		@Override
		public boolean wasEstablished() {
			return established;
		}
	}

	private final PendingAsk.Lifecycle lifecycle = new PendingAsk.Lifecycle() {

		@Override
		public void timedOut(PendingAsk<?> ask) {
			throw new AssertionError("no timer in these tests");
		}

		@Override
		public void ended(PendingAsk<?> ask, AskOutcome outcome) {
			outcomes.add(outcome);
			sentAsks.ended(ask);
		}
	};

	private PendingAsk<Integer> ask(String entityId) {
		PendingAsk<Integer> ask = new PendingAsk<>(new ReplyFuture<>(Runnable::run, BusyWait.OFF), lifecycle, ORDERS,
				Duration.ofMinutes(1));
		ask.addressedTo(entityId);
		return ask;
	}

	/** An ask whose request was queued on {@code connection}. */
	private PendingAsk<Integer> sentOver(TestConnection connection, String entityId) {
		PendingAsk<Integer> ask = ask(entityId);
		sentAsks.sent(ask, connection);
		return ask;
	}

	/** The connection closes, and the transport says so. */
	private void close(TestConnection connection, Throwable cause) {
		connection.closed = true;
		sentAsks.disassociated(NODE, cause);
	}

	@Test
	void whenTheConnectionClosesItsAsksFailAsLostOnceTheGraceHasPassedNamingNodeAndEntity() throws Exception {
		TestConnection connection = new TestConnection(true);
		PendingAsk<Integer> ask = sentOver(connection, "order-1");

		close(connection, new IOException("Connection reset by peer"));

		assertThat(ask.future()).as("a forwarded reply may still come within the grace").isNotDone();
		timer.runScheduled();
		assertThatThrownBy(ask.future()::join).cause()
			.isInstanceOf(ReplyLostException.class)
			.isInstanceOf(AskTimeoutException.class)
			.hasMessage("The connection to node 127.0.0.1:2552 closed before the reply from entity 'order-1' of "
					+ "'orders' came (Connection reset by peer); the entity may or may not have processed the message");
		assertThat(outcomes).containsExactly(AskOutcome.LOST);
	}

	@Test
	void aReplyForwardedOverAnotherConnectionWithinTheGraceStillCompletesTheAsk() throws Exception {
		// The node forwarded the request to the shard's new owner, then its connection closed; the
		// owner's reply comes over the client's connection to the owner.
		TestConnection connection = new TestConnection(true);
		PendingAsk<Integer> ask = sentOver(connection, "order-7");
		close(connection, null);

		ask.accept(12);
		timer.runScheduled();

		assertThat(ask.future()).isCompletedWithValue(12);
		assertThat(outcomes).containsExactly(AskOutcome.SUCCESS);
	}

	@Test
	void anAskOnAConnectionThatNeverCompletedItsHandshakeWasNeverWrittenAndFailsAsUnsent() {
		TestConnection connection = new TestConnection(false);
		PendingAsk<Integer> ask = sentOver(connection, "order-2");

		close(connection, null);

		assertThat(timer.scheduledCount()).as("nothing was written, so nothing to wait for").isZero();
		assertThatThrownBy(ask.future()::join).cause()
			.isInstanceOf(ClusterUnavailableException.class)
			.hasMessage("Could not send to entity 'order-2' of 'orders': the connection to node 127.0.0.1:2552 "
					+ "closed before it was established");
		assertThat(outcomes).containsExactly(AskOutcome.UNAVAILABLE);
	}

	@Test
	void asksOnANewConnectionToTheSameNodeAreLeftAlone() throws Exception {
		TestConnection old = new TestConnection(true);
		TestConnection fresh = new TestConnection(true);
		PendingAsk<Integer> lost = sentOver(old, "order-3");
		PendingAsk<Integer> kept = sentOver(fresh, "order-4");

		close(old, null);
		timer.runScheduled();
		kept.accept(7);

		assertThat(lost.future()).isCompletedExceptionally();
		assertThat(kept.future()).isCompletedWithValue(7);
	}

	@Test
	void anAskQueuedOnAConnectionThatHadAlreadyClosedFailsAfterTheGraceToo() throws Exception {
		// The connection closed (and its listeners ran) before the ask was registered.
		TestConnection connection = new TestConnection(true);
		connection.closed = true;
		PendingAsk<Integer> ask = ask("order-5");

		sentAsks.sent(ask, connection);
		timer.runScheduled();

		assertThatThrownBy(ask.future()::join).cause().isInstanceOf(ReplyLostException.class);
	}

	@Test
	void anAnsweredAskIsNotFailedWhenItsConnectionClosesLater() throws Exception {
		TestConnection connection = new TestConnection(true);
		PendingAsk<Integer> ask = sentOver(connection, "order-6");
		ask.accept(3);

		close(connection, null);
		timer.runScheduled();

		assertThat(ask.future()).isCompletedWithValue(3);
		assertThat(outcomes).containsExactly(AskOutcome.SUCCESS);
	}
}
