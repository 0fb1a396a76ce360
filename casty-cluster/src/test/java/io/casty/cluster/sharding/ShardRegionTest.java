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
import io.casty.cluster.membership.ClusterMessages.HandOffComplete;
import io.casty.cluster.observation.EntityObservations;
import io.casty.sharding.ShardEnvelope;
import io.casty.sharding.ShardHash;
import io.micrometer.observation.ObservationRegistry;
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

/**
 * A region with stand-ins for its daemon, the transport and the node's clock: forwarding to a
 * shard's owner on another node, and the node's hosting lease for its own shards.
 */
class ShardRegionTest {

	private static final int SHARDS = 10;

	private final NodeAddress self = new NodeAddress("test", "127.0.0.1", 25520);

	private final NodeAddress owner = new NodeAddress("test", "127.0.0.2", 25520);

	private final ActorSystem system = new ActorSystem(self);

	/** The node's clock, in nanoseconds: moved by the tests only. */
	private final AtomicLong now = new AtomicLong(TimeUnit.HOURS.toNanos(1));

	/** Whether the stand-in has an open connection to the owner. */
	private final AtomicBoolean connectionOpen = new AtomicBoolean();

	/** The messages the region tried to forward, in order, whether they went or not. */
	private final List<Object> attempts = new CopyOnWriteArrayList<>();

	private final List<Object> forwarded = new CopyOnWriteArrayList<>();

	/** What the entities here handled, as {@code entity:message}. */
	private final List<String> handled = new CopyOnWriteArrayList<>();

	private final CompletableFuture<ActorRef<Object>> regionActor = new CompletableFuture<>();

	private final TemporaryRef<Object> daemon = system.temporaryRef(message -> {
		if (message instanceof RegisterRegion register) {
			regionActor.complete(register.region());
		}
	});

	private final ShardRegion.Hosted region = ShardRegion.start(system,
			EntityType.<String>of("counter", SHARDS, id -> Behaviors.receiveMessage(message -> {
				handled.add(id + ":" + message);
				return Behaviors.same();
			})), daemon, this::sendIfConnected, new AtomicLong(), Duration.ZERO, 100, now::get,
			new EntityObservations(ObservationRegistry.NOOP, "127.0.0.1:0"));

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
		view(owner, 1, inAnHour());
	}

	/** A view in which {@code node} owns every shard, then a hosting lease that ends at {@code hostUntil}. */
	private void view(NodeAddress node, long epoch, long hostUntil) throws Exception {
		Map<Integer, NodeAddress> owners = new HashMap<>();
		for (int shard = 0; shard < SHARDS; shard++) {
			owners.put(shard, node);
		}
		regionActor.get(5, TimeUnit.SECONDS)
			.tell(new RegionView(new TypeAllocation("counter", SHARDS, owners, Map.of()), epoch, node));
		lease(hostUntil);
	}

	private void lease(long hostUntil) throws Exception {
		regionActor.get(5, TimeUnit.SECONDS).tell(new HostingLease(hostUntil));
	}

	private long inAnHour() {
		return now.get() + Duration.ofHours(1).toNanos();
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

	/** The lease the region holds runs out: the node stood still for longer than it lasts. */
	private void leaseRunsOut() {
		now.addAndGet(Duration.ofHours(2).toNanos());
	}

	private void handledHere(String entityId, String message) throws Exception {
		view(self, 1, inAnHour());
		send(entityId, message);
		await().atMost(Duration.ofSeconds(5)).until(() -> handled.contains(entityId + ":" + message));
	}

	@Test
	void messagesWaitOnceTheLeaseRanOutAndReachTheirEntityInOrderWhenANewLeaseComes() throws Exception {
		handledHere("user-1", "a");

		leaseRunsOut();
		send("user-1", "b");
		send("user-1", "c");
		await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(1))
			.untilAsserted(() -> assertThat(handled).containsExactly("user-1:a"));

		lease(inAnHour());
		await().atMost(Duration.ofSeconds(5)).until(() -> handled.size() == 3);
		assertThat(handled).containsExactly("user-1:a", "user-1:b", "user-1:c");
	}

	@Test
	void whatWaitedForTheLeaseFollowsItsShardWhenTheViewMovedIt() throws Exception {
		handledHere("user-1", "a");
		leaseRunsOut();
		send("user-1", "b");

		// The answer to the node's membership check: it was downed, its shards are on the other node.
		connectionOpen.set(true);
		view(owner, 2, inAnHour());

		await().atMost(Duration.ofSeconds(5)).until(() -> forwarded.contains("b"));
		assertThat(handled).containsExactly("user-1:a");
		await().atMost(Duration.ofSeconds(5)).until(() -> region.runningEntities().getAsInt() == 0);
	}

	@Test
	void aCompletedHandOffIsReportedAgainOnEveryLeaseUntilTheLeaderActs() throws Exception {
		// The leader's daemon, here: what the region reports to it.
		List<HandOffComplete> reports = new CopyOnWriteArrayList<>();
		system.systemRouterOf("cluster", message -> reports.add((HandOffComplete) message));
		Map<Integer, NodeAddress> owners = new HashMap<>();
		for (int shard = 1; shard < SHARDS; shard++) {
			owners.put(shard, self);
		}
		regionActor.get(5, TimeUnit.SECONDS).tell(new RegionView(
				new TypeAllocation("counter", SHARDS, owners, Map.of(0, new HandOff(self, owner))), 1, self));
		await().atMost(Duration.ofSeconds(5)).until(() -> reports.size() == 1);

		// The leader dropped it (it did not know yet that it leads); no new view comes.
		lease(inAnHour());
		lease(inAnHour());

		await().atMost(Duration.ofSeconds(5)).until(() -> reports.size() == 3);
		assertThat(reports).containsOnly(new HandOffComplete("counter", 0, self));
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
