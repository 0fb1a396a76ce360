package io.casty.cluster.sharding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.casty.actor.ActorAddress;
import io.casty.actor.ActorRef;
import io.casty.actor.ActorSystem;
import io.casty.actor.Behaviors;
import io.casty.actor.NodeAddress;
import io.casty.actor.TemporaryRef;
import io.casty.cluster.EntityType;
import io.casty.cluster.membership.ClusterDaemon.RegisterRegion;
import io.casty.cluster.membership.ClusterMessages.ForwardedEnvelope;
import io.casty.cluster.membership.RegionView;
import io.casty.cluster.membership.TypeAllocation;
import io.casty.sharding.ShardEnvelope;
import io.casty.sharding.ShardHash;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A region whose shards another node owns, reached through a stand-in for the transport. */
class ShardRegionForwardingTest {

	private static final int SHARDS = 10;

	private final NodeAddress self = new NodeAddress("test", "127.0.0.1", 25520);

	private final NodeAddress owner = new NodeAddress("test", "127.0.0.2", 25520);

	private final ActorSystem system = new ActorSystem(self);

	/** Whether the stand-in has an open connection to the owner. */
	private final AtomicBoolean connectionOpen = new AtomicBoolean();

	/** The messages the region tried to forward, in order, whether they went or not. */
	private final List<Object> attempts = new CopyOnWriteArrayList<>();

	private final List<Object> forwarded = new CopyOnWriteArrayList<>();

	private final CompletableFuture<ActorRef<Object>> regionActor = new CompletableFuture<>();

	private final TemporaryRef<Object> daemon = system.temporaryRef(message -> {
		if (message instanceof RegisterRegion register) {
			regionActor.complete(register.region());
		}
	});

	private final ShardRegion.Hosted region = ShardRegion.start(system,
			EntityType.of("counter", SHARDS, id -> Behaviors.receiveMessage(message -> Behaviors.same())), daemon,
			this::sendIfConnected, new AtomicLong(), Duration.ZERO, 0);

	private boolean sendIfConnected(ActorAddress recipient, Object message) {
		attempts.add(((ForwardedEnvelope) message).envelope().message());
		assertThat(recipient.node()).isEqualTo(owner);
		if (!connectionOpen.get()) {
			return false;
		}
		forwarded.add(((ForwardedEnvelope) message).envelope().message());
		return true;
	}

	@AfterEach
	void close() {
		system.close();
	}

	private void everyShardOwnedByTheOtherNode() throws Exception {
		Map<Integer, NodeAddress> owners = new HashMap<>();
		for (int shard = 0; shard < SHARDS; shard++) {
			owners.put(shard, owner);
		}
		regionActor.get(5, TimeUnit.SECONDS)
			.tell(new RegionView(new TypeAllocation("counter", SHARDS, owners, Map.of()), 1, owner));
	}

	private void send(String entityId, String message) {
		region.router().tell(new ShardEnvelope<>(entityId, message));
	}

	@Test
	void anEnvelopeWaitsWhileNoConnectionToItsOwnerIsOpenAndGoesWhenOneOpens() throws Exception {
		everyShardOwnedByTheOtherNode();

		send("user-1", "first");
		send("user-1", "second");
		await().atMost(Duration.ofSeconds(5)).until(() -> attempts.contains("first"));
		assertThat(forwarded).isEmpty();

		// Open, but the region has not been told yet: a later envelope of the same shard must not
		// overtake the two that wait.
		connectionOpen.set(true);
		send("user-1", "third");
		region.connected(owner);

		await().atMost(Duration.ofSeconds(5)).until(() -> forwarded.size() == 3);
		assertThat(forwarded).containsExactly("first", "second", "third");
	}

	@Test
	void aConnectionToAnotherNodeDoesNotReleaseWhatWaitsForTheOwner() throws Exception {
		everyShardOwnedByTheOtherNode();
		send("user-1", "waits");
		await().atMost(Duration.ofSeconds(5)).until(() -> attempts.contains("waits"));

		region.connected(new NodeAddress("test", "127.0.0.3", 25520));
		send(inAnotherShardThan("user-1"), "marker");
		await().atMost(Duration.ofSeconds(5)).until(() -> attempts.contains("marker"));
		assertThat(attempts).as("no second try of what waits").containsExactly("waits", "marker");

		connectionOpen.set(true);
		region.connected(owner);
		await().atMost(Duration.ofSeconds(5)).until(() -> forwarded.size() == 2);
		assertThat(forwarded).containsExactly("waits", "marker");
		assertThat(attempts).containsExactly("waits", "marker", "waits", "marker");
	}

	private static String inAnotherShardThan(String entityId) {
		int shard = ShardHash.shardOf(entityId, SHARDS);
		for (int i = 0;; i++) {
			if (ShardHash.shardOf("other-" + i, SHARDS) != shard) {
				return "other-" + i;
			}
		}
	}
}
