package io.casty.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.casty.actor.ActorRef;
import io.casty.actor.Behaviors;
import io.casty.sharding.ShardEnvelope;
import io.casty.testing.FreePorts;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Idle entities are stopped and start again on their next message, while messages keep
 * arriving straight from the router: none is lost, none runs twice, none overtakes another.
 */
class PassivationTest {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private static final Duration PASSIVATE_AFTER = Duration.ofMillis(8);

	private static final int ENTITIES = 20;

	private final Map<String, List<Integer>> received = new ConcurrentHashMap<>();

	private final Map<String, AtomicInteger> starts = new ConcurrentHashMap<>();

	private final Map<String, AtomicInteger> running = new ConcurrentHashMap<>();

	private final List<String> violations = new CopyOnWriteArrayList<>();

	private final ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor();

	private final ClusteredActorSystem node = ClusteredActorSystem.builder("passivation")
		.port(FreePorts.next())
		.passivateIdleAfter(PASSIVATE_AFTER)
		.start();

	@AfterEach
	void close() {
		sender.shutdownNow();
		node.close();
	}

	private EntityType<Integer> sequenceRecorders() {
		return EntityType.of("recorder", 10, id -> Behaviors.setup(context -> {
			starts.computeIfAbsent(id, key -> new AtomicInteger()).incrementAndGet();
			AtomicInteger live = running.computeIfAbsent(id, key -> new AtomicInteger());
			if (live.incrementAndGet() != 1) {
				violations.add(id + " started while another instance ran");
			}
			context.onStop(live::decrementAndGet);
			return Behaviors.receiveMessage(number -> {
				received.computeIfAbsent(id, key -> new CopyOnWriteArrayList<>()).add(number);
				return Behaviors.same();
			});
		}));
	}

	@Test
	void idleEntitiesStopAndRestartWithoutLosingOrReorderingMessages() {
		ActorRef<ShardEnvelope<Integer>> region = node.shardRegion(sequenceRecorders());
		node.awaitAllocations(TIMEOUT);
		int[] sent = new int[ENTITIES];
		// One sending thread (order is per sender). Each entity gets bursts at random intervals
		// around the passivation time, so bursts keep meeting entities as they stop.
		long passivateMillis = PASSIVATE_AFTER.toMillis();
		for (int i = 0; i < ENTITIES; i++) {
			int entity = i;
			sender.schedule(new Runnable() {
				@Override
				public void run() {
					for (int burst = 0; burst < 20; burst++) {
						region.tell(new ShardEnvelope<>("entity-" + entity, sent[entity]++));
					}
					long next = ThreadLocalRandom.current().nextLong(passivateMillis / 2, passivateMillis * 2);
					sender.schedule(this, next, TimeUnit.MILLISECONDS);
				}
			}, entity, TimeUnit.MILLISECONDS);
		}

		await().atMost(TIMEOUT).until(() -> starts.values().stream().mapToInt(AtomicInteger::get).sum() >= 1_000);
		sender.shutdown();
		await().atMost(TIMEOUT).until(sender::isTerminated);

		await().atMost(TIMEOUT).untilAsserted(() -> {
			for (int i = 0; i < ENTITIES; i++) {
				assertThat(received.get("entity-" + i)).as("entity-%d", i)
					.containsExactlyElementsOf(IntStream.range(0, sent[i]).boxed().toList());
			}
		});
		assertThat(violations).isEmpty();
		// Entities with no more messages stop for good.
		await().atMost(TIMEOUT).until(() -> running.values().stream().allMatch(live -> live.get() == 0));
		assertThat(node.runningEntities("recorder")).isZero();
	}

	@Test
	void withPassivationOffIdleEntitiesKeepRunning() {
		try (ClusteredActorSystem keeper = ClusteredActorSystem.builder("no-passivation")
			.port(FreePorts.next())
			.passivateIdleAfter(Duration.ZERO)
			.start()) {
			ActorRef<ShardEnvelope<Integer>> region = keeper.shardRegion(sequenceRecorders());
			keeper.awaitAllocations(TIMEOUT);
			region.tell(new ShardEnvelope<>("idle", 0));

			await().atMost(TIMEOUT).until(() -> received.containsKey("idle"));
			assertThat(keeper.runningEntities("recorder")).isEqualTo(1);
			await().during(PASSIVATE_AFTER.multipliedBy(5)).atMost(TIMEOUT)
				.until(() -> running.get("idle").get() == 1 && starts.get("idle").get() == 1);
		}
	}

	@Test
	void aNegativePassivationTimeIsRefused() {
		assertThatThrownBy(() -> ClusteredActorSystem.builder("x").passivateIdleAfter(Duration.ofSeconds(-1)))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessage("passivateIdleAfter : PT-1S (expected: >= 0, 0 to turn it off)");
	}
}
