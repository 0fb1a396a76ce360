package io.casty.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.casty.actor.ActorSystem;
import io.casty.actor.NodeAddress;
import io.casty.protocol.ProtocolMessages;
import io.casty.remote.NettyTransport;
import io.casty.remote.TransportListener;
import io.casty.remote.TransportSettings;
import io.casty.serialization.MessageRegistry;
import io.casty.testing.FreePorts;
import io.casty.topology.Member;
import io.casty.topology.MemberStatus;
import io.casty.topology.TopologySnapshot;
import io.micrometer.observation.ObservationRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How the client keeps trying a member it lost while the topology still lists it. */
class MemberProbeTest {

	private static final String SYSTEM = "probe";

	/** A member nothing listens for: every attempt to connect to it fails. */
	private final NodeAddress gone = new NodeAddress(SYSTEM, "127.0.0.1", FreePorts.next());

	private final ActorSystem system = new ActorSystem(new NodeAddress(SYSTEM, "client-1", NodeAddress.NO_PORT));

	private final MessageRegistry registry = ProtocolMessages.registry().register(TestEntities.MESSAGES).build();

	private final NettyTransport transport = new NettyTransport(system, registry, TransportSettings.defaults());

	private final ManualTimer timer = new ManualTimer();

	private final ShardRouter router = new ShardRouter(transport, new SentAsks(timer), 100, (type, shard) -> {
	});

	private final TopologySubscription subscription = new TopologySubscription(
			new ClientSettings(SYSTEM, List.of(gone), registry, TransportSettings.defaults(), Duration.ofSeconds(5),
					Duration.ZERO, 100, 100, Duration.ofMillis(100), Duration.ofSeconds(5), Duration.ofSeconds(3), List.of(),
					ObservationRegistry.NOOP),
			system, transport, timer, router, new Listeners(List.of()), () -> 0);

	/** Attempts to connect that failed, as the transport reported them (after the subscription heard). */
	private final List<NodeAddress> failed = new CopyOnWriteArrayList<>();

	MemberProbeTest() {
		transport.addListener(subscription);
		transport.addListener(new TransportListener() {
			@Override
			public void disassociated(NodeAddress peer, Throwable cause) {
				failed.add(peer);
			}
		});
	}

	@AfterEach
	void close() {
		transport.close();
		system.close();
	}

	@Test
	void aLostMemberIsProbedByOneRoundOfAttemptsNotOneMorePerFailure() throws Exception {
		router.onTopology(new TopologySnapshot(List.of(new Member(gone, "node-2", MemberStatus.UP)), Set.of(), gone,
				Map.of(), 1));
		subscription.disassociated(gone, new IOException("Connection reset by peer"));

		for (int attempt = 1; attempt <= 5; attempt++) {
			assertThat(timer.scheduledCount()).as("probes waiting before attempt %d", attempt).isEqualTo(1);
			timer.runScheduled();
			int attempts = attempt;
			await().atMost(Duration.ofSeconds(5)).until(() -> failed.size() >= attempts);
		}
		assertThat(timer.scheduledCount()).isEqualTo(1);
	}

	@Test
	void aMemberLostAndThenDownedIsProbedAgainWhenItRejoins() throws Exception {
		router.onTopology(topology(MemberStatus.UP, 1));
		subscription.disassociated(gone, new IOException("Connection timed out"));
		// Downed by the cluster (it was cut from it too): the probe finds it is no member and stops.
		router.onTopology(topology(MemberStatus.DOWN, 2));
		timer.runScheduled();
		assertThat(timer.scheduledCount()).as("probes waiting once it is down").isZero();

		// Back as a new incarnation at the same address, once the network is whole.
		subscription.onTopology(topology(MemberStatus.UP, 3));

		assertThat(timer.scheduledCount()).as("probes waiting once it is up again").isEqualTo(1);
	}

	private TopologySnapshot topology(MemberStatus status, long epoch) {
		return new TopologySnapshot(List.of(new Member(gone, "node-2", status)), Set.of(), gone, Map.of(), epoch);
	}
}
