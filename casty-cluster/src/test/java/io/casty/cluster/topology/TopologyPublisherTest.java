package io.casty.cluster.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.casty.actor.ActorRef;
import io.casty.actor.ActorSystem;
import io.casty.actor.NodeAddress;
import io.casty.protocol.GetShardLocation;
import io.casty.protocol.ShardLocation;
import io.casty.protocol.SubscribeTopology;
import io.casty.topology.ShardAllocation;
import io.casty.topology.TopologySnapshot;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TopologyPublisherTest {

	private final ActorSystem system = ActorSystem.create("test");

	private final ActorRef<Object> publisher = system.systemActorOf(TopologyPublisher.create(java.time.Duration.ofMillis(100)), "topology");

	@AfterEach
	void close() {
		system.close();
	}

	private static TopologySnapshot snapshot(long epoch, NodeAddress owner) {
		return new TopologySnapshot(List.of(), Set.of(), owner,
				Map.of("t", new ShardAllocation("t", 2, Map.of(0, owner))), epoch);
	}

	@Test
	void subscribersGetTheCurrentSnapshotAndEveryNewerOne() throws Exception {
		BlockingQueue<TopologySnapshot> received = new LinkedBlockingQueue<>();
		publisher.tell(new TopologyPublisher.Publish(snapshot(1, system.address())));
		publisher.tell(new SubscribeTopology(system.temporaryRef(received::add)));
		publisher.tell(new TopologyPublisher.Publish(snapshot(3, system.address())));
		publisher.tell(new TopologyPublisher.Publish(snapshot(2, system.address())));

		assertThat(received.poll(5, TimeUnit.SECONDS).epoch()).isEqualTo(1);
		assertThat(received.poll(5, TimeUnit.SECONDS).epoch()).isEqualTo(3);
		assertThat(received.poll(200, TimeUnit.MILLISECONDS)).as("an older snapshot is not pushed").isNull();
	}

	@Test
	void subscribersOfAPeerWhoseConnectionClosedAreDropped() throws Exception {
		BlockingQueue<TopologySnapshot> received = new LinkedBlockingQueue<>();
		publisher.tell(new SubscribeTopology(system.temporaryRef(received::add)));
		publisher.tell(new TopologyPublisher.Publish(snapshot(1, system.address())));
		assertThat(received.poll(5, TimeUnit.SECONDS)).isNotNull();

		publisher.tell(new TopologyPublisher.PeerGone(system.address()));
		publisher.tell(new TopologyPublisher.Publish(snapshot(2, system.address())));
		BlockingQueue<TopologySnapshot> witness = new LinkedBlockingQueue<>();
		publisher.tell(new SubscribeTopology(system.temporaryRef(witness::add)));

		assertThat(witness.poll(5, TimeUnit.SECONDS).epoch()).isEqualTo(2);
		assertThat(received).as("the dropped subscriber got nothing more").isEmpty();
	}

	@Test
	void shardLocationQueriesAreAnsweredFromTheCurrentSnapshot() {
		BlockingQueue<ShardLocation> answers = new LinkedBlockingQueue<>();
		publisher.tell(new TopologyPublisher.Publish(snapshot(4, system.address())));
		ActorRef<ShardLocation> replyTo = system.temporaryRef(answers::add);
		publisher.tell(new GetShardLocation("t", 0, replyTo));
		publisher.tell(new GetShardLocation("t", 1, replyTo));
		publisher.tell(new GetShardLocation("unknown", 0, replyTo));

		await().until(() -> answers.size() == 3);
		assertThat(answers).containsExactly(new ShardLocation("t", 2, 0, system.address(), 4),
				new ShardLocation("t", 2, 1, null, 4), new ShardLocation("unknown", 0, 0, null, 4));
	}
}
