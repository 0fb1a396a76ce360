package io.casty.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.casty.actor.ActorSystem;
import io.casty.actor.NodeAddress;
import io.casty.client.TestEntities.Add;
import io.casty.cluster.ClusteredActorSystem;
import io.casty.protocol.ProtocolMessages;
import io.casty.protocol.ShardLocation;
import io.casty.remote.NettyTransport;
import io.casty.remote.TransportListener;
import io.casty.remote.TransportSettings;
import io.casty.sharding.ShardEnvelope;
import io.casty.sharding.ShardHash;
import io.casty.testing.FreePorts;
import io.casty.topology.Member;
import io.casty.topology.MemberStatus;
import io.casty.topology.ShardAllocation;
import io.casty.topology.TopologySnapshot;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The router's buffer and owners, against a transport wired to it as the client wires it:
 * node A listens nowhere, node B is a real node.
 */
class ShardRouterTest {

	private static final String SYSTEM = "test";

	private static final String TYPE = TestEntities.SHARD_TYPE;

	private static final int SHARDS = TestEntities.NUM_SHARDS;

	private static final String ENTITY = "entity-1";

	private final NodeAddress nodeA = new NodeAddress(SYSTEM, "127.0.0.1", FreePorts.next());

	private final NodeAddress nodeB = new NodeAddress(SYSTEM, "127.0.0.1", FreePorts.next());

	private final ActorSystem system = new ActorSystem(new NodeAddress(SYSTEM, "client-1", NodeAddress.NO_PORT));

	private final NettyTransport transport = new NettyTransport(system,
			ProtocolMessages.registry().register(TestEntities.MESSAGES).build(), TransportSettings.defaults());

	private final ShardRouter router = new ShardRouter(transport, new SentAsks(new ManualTimer()), 100, (type, shard) -> {
	});

	private final EntityRef<?> counters = new EntityRef<>(null, TYPE, SHARDS);

	private final int shard = ShardHash.shardOf(ENTITY, SHARDS);

	/** Peers whose connection failed or closed, as the transport reported them. */
	private final List<NodeAddress> disassociated = new CopyOnWriteArrayList<>();

	private ClusteredActorSystem nodeBSystem;

	ShardRouterTest() {
		// As TopologySubscription does: an opened connection makes its node routable. (It also
		// opens the connections, to every active member: the tests do that by hand.)
		transport.addListener(new TransportListener() {
			@Override
			public void associated(NodeAddress peer) {
				router.reachable(peer);
			}

			@Override
			public void disassociated(NodeAddress peer, Throwable cause) {
				disassociated.add(peer);
			}
		});
	}

	@AfterEach
	void close() {
		transport.close();
		system.close();
		if (nodeBSystem != null) {
			nodeBSystem.close();
		}
	}

	@Test
	void aLocationAnswerNamingAnOwnerThisClientCannotReachKeepsTheMessagesWaiting() {
		startNodeB();
		router.onTopology(topology(nodeA));
		router.unreachable(nodeA);
		router.tell(counters, new ShardEnvelope<>(ENTITY, new Add(1)));
		assertThat(router.waitingCount()).as("waiting: the owner is unreachable").isEqualTo(1);

		// The cluster has not noticed node A's failure yet and still places the shard there.
		router.onLocation(new ShardLocation(TYPE, SHARDS, shard, nodeA, 1));

		assertThat(router.waitingCount()).as("still waiting for an owner the client can reach").isEqualTo(1);
		assertThat(transport.isConnected(nodeA)).isFalse();

		router.onLocation(new ShardLocation(TYPE, SHARDS, shard, nodeB, 2));

		await().untilAsserted(() -> assertThat(router.waitingCount()).as("sent to the new owner").isZero());
	}

	@Test
	void aMessageForAnOwnerNotConnectedYetWaitsForTheConnectionInsteadOfBeingLostWithIt() {
		router.onTopology(topology(nodeA));

		router.tell(counters, new ShardEnvelope<>(ENTITY, new Add(1)));
		transport.connect(nodeA);

		// The message was not queued on the opening connection to A, which then failed.
		await().until(() -> disassociated.contains(nodeA));
		assertThat(router.waitingCount()).as("the message still waits, for A or another owner").isEqualTo(1);

		startNodeB();
		router.onLocation(new ShardLocation(TYPE, SHARDS, shard, nodeB, 2));

		await().untilAsserted(() -> assertThat(router.waitingCount()).as("sent once B's connection opened").isZero());
		assertThat(transport.isConnected(nodeB)).isTrue();
	}

	@Test
	void aTopologyOfALowerEpochIsIgnoredUnlessItIsTheFirstOfANewSubscription() {
		router.onTopology(topology(nodeA, 40));

		router.onTopology(topology(nodeB, 3));
		assertThat(router.table().epoch()).as("a stale snapshot within one subscription").isEqualTo(40);

		router.resubscribed();
		router.onTopology(topology(nodeB, 3));
		assertThat(router.table().epoch()).as("the restarted cluster's first snapshot").isEqualTo(3);
		router.onTopology(topology(nodeA, 2));
		assertThat(router.table().epoch()).as("later ones of the subscription count up again").isEqualTo(3);
	}

	/** Starts node B and, as the subscription would for a member, connects to it. */
	private void startNodeB() {
		nodeBSystem = ClusteredActorSystem.builder(SYSTEM)
			.host(nodeB.host())
			.port(nodeB.port())
			.nodeId("node-b")
			.registerMessages(TestEntities.MESSAGES)
			.start();
		transport.connect(nodeB);
	}

	private TopologySnapshot topology(NodeAddress owner) {
		return topology(owner, 1);
	}

	private TopologySnapshot topology(NodeAddress owner, long epoch) {
		List<Member> members = List.of(new Member(nodeA, "node-a", MemberStatus.UP),
				new Member(nodeB, "node-b", MemberStatus.UP));
		Map<Integer, NodeAddress> owners = Map.of(shard, owner);
		return new TopologySnapshot(members, Set.of(), nodeA, Map.of(TYPE, new ShardAllocation(TYPE, SHARDS, owners)),
				epoch);
	}
}
