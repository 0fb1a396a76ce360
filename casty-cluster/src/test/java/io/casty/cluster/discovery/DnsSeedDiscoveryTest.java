package io.casty.cluster.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.casty.CastyException;
import io.casty.cluster.ClusteredActorSystem;
import io.casty.testing.Dnsmasq;
import io.casty.testing.FreePorts;
import io.casty.topology.Member;
import io.casty.topology.TopologySnapshot;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seed nodes from a real DNS server (dnsmasq on loopback), as a Kubernetes headless service
 * gives them: records that appear late, nodes started together that must form one cluster, and
 * a member that vanishes from DNS while a new node joins.
 */
class DnsSeedDiscoveryTest {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private static final String NAME = "nodes." + Dnsmasq.DOMAIN;

	@TempDir
	Path directory;

	private Dnsmasq dns;

	private final int port = FreePorts.next();

	private final Map<String, ClusteredActorSystem> nodes = new ConcurrentHashMap<>();

	@BeforeEach
	void startDns() throws IOException {
		this.dns = Dnsmasq.start(this.directory);
	}

	@AfterEach
	void stop() {
		this.nodes.values().forEach(ClusteredActorSystem::close);
		if (this.dns != null) {
			this.dns.close();
		}
	}

	private DnsSeedDiscovery.Builder discovery() {
		return DnsSeedDiscovery.builder(NAME, this.port).server(this.dns.server()).retryInterval(Duration.ofMillis(50));
	}

	@Test
	void recordsThatAppearLateAreSeenAtTheNextLookup() {
		this.dns.publish(NAME, List.of("127.0.0.2"));
		CompletableFuture<List<String>> seeds = CompletableFuture
			.supplyAsync(() -> discovery().requiredAddresses(2).build().seedNodes());
		assertThat(seeds).as("still waiting for a second address").isNotDone();

		this.dns.publish(NAME, List.of("127.0.0.2", "127.0.0.3"));

		assertThat(seeds).succeedsWithin(TIMEOUT).isEqualTo(List.of("127.0.0.2:" + this.port, "127.0.0.3:" + this.port));
	}

	@Test
	void fewerAddressesThanRequiredWithinTheTimeoutFailsNamingTheNameAndWhatItHad() {
		this.dns.publish(NAME, List.of("127.0.0.2"));

		assertThatThrownBy(() -> discovery().requiredAddresses(3).timeout(Duration.ofMillis(500)).build().seedNodes())
			.isInstanceOf(CastyException.class)
			.hasMessageStartingWith("DNS name " + NAME + " had 1 address [127.0.0.2] after PT0.5S, fewer than the 3 "
					+ "required");
	}

	@Test
	void aNameThatDoesNotExistYetIsWaitedFor() {
		assertThatThrownBy(() -> discovery().timeout(Duration.ofMillis(300)).build().seedNodes())
			.isInstanceOf(CastyException.class)
			.hasMessageStartingWith("DNS name " + NAME + " had 0 addresses [] after");
	}

	@Test
	void nodesStartedTogetherFormOneClusterAndANewNodeJoinsItAfterAMemberLeftDns() {
		List<String> hosts = List.of("127.0.0.2", "127.0.0.3", "127.0.0.4");
		this.dns.publish(NAME, hosts);
		List<CompletableFuture<ClusteredActorSystem>> starting = new ArrayList<>();
		hosts.forEach((host) -> starting.add(CompletableFuture.supplyAsync(() -> startNode(host, 3))));
		starting.forEach(CompletableFuture::join);
		awaitOneCluster(Set.copyOf(hosts));

		this.nodes.remove("127.0.0.2").close();
		this.dns.publish(NAME, List.of("127.0.0.3", "127.0.0.4", "127.0.0.5"));
		startNode("127.0.0.5", 3);

		awaitOneCluster(Set.of("127.0.0.3", "127.0.0.4", "127.0.0.5"));
	}

	private ClusteredActorSystem startNode(String host, int requiredAddresses) {
		List<String> seeds = discovery().requiredAddresses(requiredAddresses).build().seedNodes();
		ClusteredActorSystem node = ClusteredActorSystem.builder("dns")
			.host(host)
			.port(this.port)
			.nodeId(host)
			.seedNodes(seeds)
			.gossipInterval(Duration.ofMillis(100))
			.heartbeatInterval(Duration.ofMillis(100))
			.acceptableHeartbeatPause(Duration.ofMillis(500))
			.downAfter(Duration.ofMillis(500))
			.topologyHeartbeatInterval(Duration.ofMillis(200))
			.leaveOnShutdown(false)
			.start();
		this.nodes.put(host, node);
		return node;
	}

	/** Every running node sees exactly {@code hosts} up, and all name the same leader. */
	private void awaitOneCluster(Set<String> hosts) {
		await().atMost(TIMEOUT).untilAsserted(() -> {
			Set<String> leaders = this.nodes.values().stream().map((node) -> {
					assertThat(node.topology()).as("topology of " + node.nodeId()).isPresent();
					TopologySnapshot topology = node.topology().get();
					assertThat(topology.leaderAddress()).as("leader seen by " + node.nodeId()).isPresent();
					assertThat(topology.upMembers().stream().map(Member::nodeId).collect(Collectors.toSet()))
						.as("up members seen by " + node.nodeId())
						.isEqualTo(hosts);
					return topology.leaderAddress().get().host();
				})
				.collect(Collectors.toSet());
			assertThat(leaders).as("leaders").hasSize(1);
		});
	}
}
