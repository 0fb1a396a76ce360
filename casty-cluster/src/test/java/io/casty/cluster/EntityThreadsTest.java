package io.casty.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.casty.actor.ActorAddress;
import io.casty.actor.ActorRef;
import io.casty.actor.ActorSystem;
import io.casty.actor.Behaviors;
import io.casty.actor.NodeAddress;
import io.casty.protocol.ProtocolMessages;
import io.casty.protocol.ProtocolPaths;
import io.casty.remote.NettyTransport;
import io.casty.remote.TransportSettings;
import io.casty.sharding.ShardEnvelope;
import io.casty.testing.FreePorts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Which thread an entity runs on when an envelope from the network wakes it, per the node's setting. */
class EntityThreadsTest {

	record WhereAreYou(ActorRef<Here> replyTo) {
	}

	record Here(String thread) {
	}

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	// An envelope only wakes an idle actor: one still busy on the pool (the region, just after it
	// got its shards) takes it in the same turn, there. So the tests look at several asks.

	@Test
	void byDefaultAnEntityRunsOnTheNetworkThreadThatReadItsEnvelope() throws Exception {
		try (ClusteredActorSystem node = node().start()) {
			assertThat(askFromAnotherProcess(node, 10)).anyMatch(thread -> thread.startsWith("casty-threads-io-"));
		}
	}

	@Test
	void turnedOffEntitiesRunOnTheNodesPool() throws Exception {
		try (ClusteredActorSystem node = node().actorsOnNetworkThreads(false).start()) {
			assertThat(askFromAnotherProcess(node, 10))
				.allMatch(thread -> thread.startsWith("casty-threads-dispatcher-"));
		}
	}

	private static ClusteredActorSystem.Builder node() {
		return ClusteredActorSystem.builder("threads")
			.port(FreePorts.next())
			.registerMessages(WhereAreYou.class, Here.class)
			.leaveOnShutdown(false);
	}

	/**
	 * Asks entity "e1" where it runs, {@code asks} times one after the other, through a
	 * connection of a client-side system, as a client would.
	 */
	private static List<String> askFromAnotherProcess(ClusteredActorSystem node, int asks) throws Exception {
		node.shardRegion(EntityType.<WhereAreYou>of("where", 10, id -> Behaviors.receiveMessage(question -> {
			question.replyTo().tell(new Here(Thread.currentThread().getName()));
			return Behaviors.same();
		})));
		node.awaitAllocations(TIMEOUT);
		try (ActorSystem client = new ActorSystem(new NodeAddress("threads", "client-" + UUID.randomUUID(), NodeAddress.NO_PORT));
				NettyTransport transport = new NettyTransport(client,
						ProtocolMessages.registry().register(WhereAreYou.class, Here.class).build(), TransportSettings.defaults())) {
			List<String> threads = new ArrayList<>();
			for (int i = 0; i < asks; i++) {
				CompletableFuture<Here> reply = new CompletableFuture<>();
				transport.send(new ActorAddress(node.address(), ProtocolPaths.shardRegion("where")),
						new ShardEnvelope<>("e1", new WhereAreYou(client.temporaryRef(reply::complete))));
				threads.add(reply.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).thread());
			}
			return threads;
		}
	}
}
