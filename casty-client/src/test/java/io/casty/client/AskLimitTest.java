package io.casty.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.casty.testing.LogCapture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class AskLimitTest {

	private final AtomicLong now = new AtomicLong(TimeUnit.HOURS.toNanos(1));

	private final AskLimit limit = new AskLimit(2, now::get);

	@Test
	void acquiresUpToTheLimitAndAgainOnceReleased() {
		assertThat(limit.tryAcquire()).isTrue();
		assertThat(limit.tryAcquire()).isTrue();
		assertThat(limit.tryAcquire()).isFalse();
		assertThat(limit.inFlight()).isEqualTo(2);

		limit.release();

		assertThat(limit.inFlight()).isEqualTo(1);
		assertThat(limit.tryAcquire()).isTrue();
		assertThat(limit.tryAcquire()).isFalse();
	}

	@Test
	void refusalsAreLoggedOnceAtFirstThenAtMostEveryTenSecondsWithTheirCount() {
		try (LogCapture log = LogCapture.of(ClusterClient.class.getName())) {
			assertThat(limit.refuse("orders")).hasMessageStartingWith("Ask to 'orders' refused: this client already "
					+ "has 2 asks in flight, its limit (maxInFlightAsks; casty.client.max-in-flight-asks");
			assertThat(log.messages()).singleElement().asString().startsWith("WARN Refused an ask");

			for (int i = 0; i < 5; i++) {
				now.addAndGet(TimeUnit.SECONDS.toNanos(1));
				limit.refuse("orders");
			}
			assertThat(log.messages()).hasSize(1);

			now.addAndGet(TimeUnit.SECONDS.toNanos(5));
			limit.refuse("orders");
			assertThat(log.messages()).hasSize(2)
				.last()
				.asString()
				.startsWith("WARN Refused 6 more asks since the last warning: 2 asks in flight");

			now.addAndGet(TimeUnit.SECONDS.toNanos(9));
			limit.refuse("orders");
			assertThat(log.messages()).hasSize(2);
			now.addAndGet(TimeUnit.SECONDS.toNanos(1));
			limit.refuse("orders");
			assertThat(log.messages()).hasSize(3).last().asString().startsWith("WARN Refused 2 more asks");
		}
	}
}
