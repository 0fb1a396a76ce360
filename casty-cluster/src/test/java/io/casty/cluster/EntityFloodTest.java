package io.casty.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.casty.actor.ActorRef;
import io.casty.actor.Behaviors;
import io.casty.sharding.ShardEnvelope;
import io.casty.testing.FreePorts;
import io.casty.testing.LogCapture;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A sender faster than an entity fills its mailbox up to a bound, not the heap. */
class EntityFloodTest {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final ClusteredActorSystem node = ClusteredActorSystem.builder("flood")
		.port(FreePorts.next())
		.entityMailboxCapacity(5)
		.start();

	@AfterEach
	void close() {
		node.close();
	}

	@Test
	void messagesBeyondAnEntitysMailboxCapacityAreDroppedCountedAndWarnedAbout() throws Exception {
		CountDownLatch busy = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		List<Integer> handled = new CopyOnWriteArrayList<>();
		ActorRef<ShardEnvelope<Integer>> region = node.shardRegion(EntityType.<Integer>of("slow", 10,
				id -> Behaviors.receiveMessage(number -> {
					if (number == 0) {
						busy.countDown();
						awaitQuietly(release);
					}
					handled.add(number);
					return Behaviors.same();
				})));
		node.awaitAllocations(TIMEOUT);
		region.tell(new ShardEnvelope<>("slow-1", 0));
		assertThat(busy.await(10, TimeUnit.SECONDS)).isTrue();

		try (LogCapture log = LogCapture.of("io.casty.actor.ActorSystem")) {
			for (int i = 1; i <= 1_000; i++) {
				region.tell(new ShardEnvelope<>("slow-1", i));
			}
			// The flood may still be on its way through the region actor (when the region had not
			// yet counted message 0 as passed on, the router sent the rest its way too): release the
			// entity only once every message reached the mailbox or was dropped.
			await().atMost(TIMEOUT).until(() -> node.droppedMessages() == 995);
			release.countDown();

			await().atMost(TIMEOUT).untilAsserted(() -> assertThat(handled).containsExactly(0, 1, 2, 3, 4, 5));
			assertThat(node.droppedMessages()).isEqualTo(995);
			assertThat(log.messages()).hasSizeLessThanOrEqualTo(10)
				.first().asString()
				.contains("Dropped a message of type java.lang.Integer to flood@")
				.contains("its mailbox holds 5 messages, its capacity");
		}
		region.tell(new ShardEnvelope<>("slow-1", 1_001));
		await().atMost(TIMEOUT).untilAsserted(() -> assertThat(handled).endsWith(1_001));
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Test
	void theCapacityMustBePositive() {
		assertThatThrownBy(() -> ClusteredActorSystem.builder("x").entityMailboxCapacity(0))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessage("entityMailboxCapacity : 0 (expected: > 0)");
	}
}
