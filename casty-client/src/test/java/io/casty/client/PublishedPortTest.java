package io.casty.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.casty.client.TestEntities.Add;
import io.casty.client.TestEntities.CounterCommand;
import io.casty.client.TestEntities.Get;
import io.casty.cluster.ClusteredActorSystem;
import io.casty.cluster.EntityType;
import io.casty.persistence.TcpRelay;
import io.casty.testing.FreePorts;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A node that listens on one address and is known by another, as in a container whose port is
 * published: the node binds 127.0.0.2 and a port of its own, a relay on 127.0.0.1 stands in for
 * the published port, and the node tells the cluster (and the client) the relay's address. The
 * client, given only the relay, subscribes, routes and gets its answers through it.
 */
class PublishedPortTest {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final int bindPort = FreePorts.next();

	private TcpRelay published;

	private ClusteredActorSystem node;

	private ClusterClient client;

	@AfterEach
	void stop() throws IOException {
		if (this.client != null) {
			this.client.close();
		}
		if (this.node != null) {
			this.node.close();
		}
		if (this.published != null) {
			this.published.close();
		}
	}

	@Test
	void aClientReachesTheNodeByTheAddressItIsKnownByNotTheOneItListensOn() throws IOException {
		this.published = new TcpRelay("127.0.0.2", this.bindPort);
		String publishedAddress = "127.0.0.1:" + this.published.port();
		this.node = ClusteredActorSystem.builder("published")
			.host("127.0.0.1")
			.port(this.published.port())
			.bindHost("127.0.0.2")
			.bindPort(this.bindPort)
			.registerMessages(TestEntities.MESSAGES)
			.start();
		this.node.shardRegion(EntityType.of(TestEntities.SHARD_TYPE, TestEntities.NUM_SHARDS, TestEntities::counter));
		assertThatThrownBy(() -> new Socket("127.0.0.1", this.bindPort).close()).as("nothing listens on 127.0.0.1:"
				+ this.bindPort).isInstanceOf(ConnectException.class);

		this.client = ClusterClient.builder()
			.systemName("published")
			.contactPoints(publishedAddress)
			.registerMessages(TestEntities.MESSAGES)
			.build();
		EntityRef<CounterCommand> counters = this.client.entityRef(TestEntities.SHARD_TYPE, TestEntities.NUM_SHARDS);
		counters.tell("c-1", new Add(4));

		assertThat(counters.<Integer>ask("c-1", Get::new, TIMEOUT).join()).isEqualTo(4);
		assertThat(this.client.topology().orElseThrow().members()).extracting((member) -> member.address().hostPort())
			.containsExactly(publishedAddress);
	}
}
