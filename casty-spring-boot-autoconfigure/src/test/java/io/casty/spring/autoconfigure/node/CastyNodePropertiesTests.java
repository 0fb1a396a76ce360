package io.casty.spring.autoconfigure.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.casty.InvalidCastyPropertyException;
import io.casty.cluster.ClusterSettings;
import io.casty.cluster.ClusteredActorSystem;
import io.casty.cluster.SplitBrainStrategy;
import io.casty.remote.TransportSettings;
import io.casty.spring.autoconfigure.node.persistence.CastyNodePersistenceAutoConfiguration;
import io.casty.spring.testing.TestEntities.AddPoints;
import io.casty.spring.testing.TestEntities.GetPoints;
import io.casty.testing.FreePorts;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** Defaults come from the node's constants; every value the node refuses fails startup, naming the property. */
class CastyNodePropertiesTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withUserConfiguration(PropertiesOnly.class)
		.withPropertyValues("casty.node.system-name=test-cluster");

	/** The node's auto-configuration, with a journal, on a free port: a refused value fails before the port is bound. */
	private final ApplicationContextRunner nodeRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CastyNodeAutoConfiguration.class, DataSourceAutoConfiguration.class,
				CastyNodePersistenceAutoConfiguration.class))
		.withPropertyValues("casty.node.system-name=test-cluster", "casty.node.port=" + FreePorts.next(),
				"spring.datasource.url=jdbc:h2:mem:refusals-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");

	@Test
	void defaultsAreTheNodesOwnConstants() {
		this.contextRunner.run((context) -> {
			CastyNodeProperties properties = context.getBean(CastyNodeProperties.class);
			assertThat(properties.getHost()).isEqualTo(ClusteredActorSystem.Builder.DEFAULT_HOST);
			assertThat(properties.getPort()).isEqualTo(ClusteredActorSystem.Builder.DEFAULT_PORT);
			assertThat(properties.getNodeId()).isNull();
			assertThat(properties.getSeedNodes()).isEmpty();
			assertThat(properties.getGossipInterval()).isEqualTo(ClusterSettings.DEFAULT_GOSSIP_INTERVAL);
			assertThat(properties.getHeartbeatInterval()).isEqualTo(ClusterSettings.DEFAULT_HEARTBEAT_INTERVAL);
			assertThat(properties.getFailureDetectorThreshold())
				.isEqualTo(ClusterSettings.DEFAULT_FAILURE_DETECTOR_THRESHOLD);
			assertThat(properties.getAcceptableHeartbeatPause())
				.isEqualTo(ClusterSettings.DEFAULT_ACCEPTABLE_HEARTBEAT_PAUSE);
			assertThat(properties.getDownAfter()).isEqualTo(ClusterSettings.DEFAULT_DOWN_AFTER);
			assertThat(properties.getSplitBrainStrategy()).isEqualTo(ClusterSettings.DEFAULT_SPLIT_BRAIN_STRATEGY);
			assertThat(properties.getMaxSimultaneousRebalance())
				.isEqualTo(ClusterSettings.DEFAULT_MAX_SIMULTANEOUS_REBALANCE);
			assertThat(properties.getLeaveTimeout()).isEqualTo(ClusterSettings.DEFAULT_LEAVE_TIMEOUT);
			assertThat(properties.getEntityMailboxCapacity())
				.isEqualTo(ClusteredActorSystem.Builder.DEFAULT_ENTITY_MAILBOX_CAPACITY);
			assertThat(properties.getPassivateIdleAfter())
				.isEqualTo(ClusteredActorSystem.Builder.DEFAULT_PASSIVATE_IDLE_AFTER);
			assertThat(properties.getTopologyHeartbeatInterval())
				.isEqualTo(ClusteredActorSystem.Builder.DEFAULT_TOPOLOGY_HEARTBEAT_INTERVAL);
			assertThat(properties.getMaxFrameSize().toBytes()).isEqualTo(TransportSettings.DEFAULT_MAX_FRAME_SIZE);
			assertThat(properties.getMessageClasses()).isEmpty();
			assertThat(properties.getSsl().getBundle()).isNull();
		});
	}

	@Test
	void seedNodesAndMessageClassesBindFromCommaSeparatedLists() {
		this.contextRunner
			.withPropertyValues("casty.node.seed-nodes=127.0.0.1:25520, 127.0.0.2:25520",
					"casty.node.message-classes=" + AddPoints.class.getName() + "," + GetPoints.class.getName())
			.run((context) -> {
				CastyNodeProperties properties = context.getBean(CastyNodeProperties.class);
				assertThat(properties.getSeedNodes()).containsExactly("127.0.0.1:25520", "127.0.0.2:25520");
				assertThat(properties.getMessageClasses()).containsExactly(AddPoints.class, GetPoints.class);
			});
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			casty.node.system-name=                        | casty.node.system-name                     | casty.node.system-name is not set.
			casty.node.system-name=loyalty@cluster         | casty.node.system-name                     | systemName : 'loyalty@cluster' (expected: non-blank, without '@' or '/')
			casty.node.host=                               | casty.node.host                            | host : '' (expected: non-blank, without '@' or '/')
			casty.node.port=0                              | casty.node.port                            | port : 0 (expected: 1-65535)
			casty.node.port=65536                          | casty.node.port                            | port : 65536 (expected: 1-65535)
			casty.node.node-id=                            | casty.node.node-id                         | nodeId : '' (expected: non-blank)
			casty.node.bind-host=a@b                       | casty.node.bind-host                       | bindHost : 'a@b' (expected: non-blank, without '@' or '/')
			casty.node.bind-port=0                         | casty.node.bind-port                       | bindPort : 0 (expected: 1-65535)
			casty.node.seed-nodes=127.0.0.1                | casty.node.seed-nodes                      | seedNodes[0] : '127.0.0.1' (expected: host:port)
			casty.node.seed-nodes=127.0.0.1:25520,a:b      | casty.node.seed-nodes                      | seedNodes[1] : 'a:b' (expected: host:port, port a number)
			casty.node.gossip-interval=0s                  | casty.node.gossip-interval                 | gossipInterval : PT0S (expected: > 0)
			casty.node.heartbeat-interval=-1s              | casty.node.heartbeat-interval              | heartbeatInterval : PT-1S (expected: > 0)
			casty.node.acceptable-heartbeat-pause=0ms      | casty.node.acceptable-heartbeat-pause      | acceptableHeartbeatPause : PT0S (expected: > 0)
			casty.node.down-after=0s                       | casty.node.down-after                      | downAfter : PT0S (expected: > 0)
			casty.node.leave-timeout=0s                    | casty.node.leave-timeout                   | leaveTimeout : PT0S (expected: > 0)
			casty.node.passivate-idle-after=-1s            | casty.node.passivate-idle-after            | passivateIdleAfter : PT-1S (expected: >= 0, 0 to turn it off)
			casty.node.entity-mailbox-capacity=0           | casty.node.entity-mailbox-capacity         | entityMailboxCapacity : 0 (expected: > 0)
			casty.node.blocked-thread-warning=-1s          | casty.node.blocked-thread-warning          | blockedThreadWarning : PT-1S (expected: >= 0, 0 to turn it off)
			casty.node.topology-heartbeat-interval=0s      | casty.node.topology-heartbeat-interval     | topologyHeartbeatInterval : PT0S (expected: > 0)
			casty.node.failure-detector-threshold=0        | casty.node.failure-detector-threshold      | failureDetectorThreshold : 0.0 (expected: > 0)
			casty.node.max-simultaneous-rebalance=0        | casty.node.max-simultaneous-rebalance      | maxSimultaneousRebalance : 0 (expected: > 0)
			casty.node.max-frame-size=512B                 | casty.node.max-frame-size                  | maxFrameSize : 512 (expected: >= 1024)
			casty.node.max-frame-size=4GB                  | casty.node.max-frame-size                  | maxFrameSize : 4294967296 (expected: <= 2147483647)
			casty.node.ssl.bundle=                         | casty.node.ssl.bundle                      | casty.node.ssl.bundle is '', but the application has no SSL bundles.
			casty.node.discovery=dns                       | casty.node.dns.name                        | casty.node.dns.name is not set, but casty.node.discovery=dns needs
			casty.node.persistence.snapshot-every=-1       | casty.node.persistence.snapshot-every      | snapshotEvery : -1 (expected: >= 0, 0 for never)
			casty.node.persistence.stash-capacity=0        | casty.node.persistence.stash-capacity      | stashCapacity : 0 (expected: >= 1)
			casty.node.persistence.read-threads=0          | casty.node.persistence.read-threads        | readThreads : 0 (expected: >= 1)
			casty.node.persistence.recovery-timeout=0s     | casty.node.persistence.recovery-timeout    | recoveryTimeout : PT0S (expected: > 0)
			casty.node.persistence.max-backoff=10ms        | casty.node.persistence.max-backoff         | backoff : PT0.2S to PT0.01S (expected: min <= max)
			casty.node.persistence.keep-alive-interval=-1s | casty.node.persistence.keep-alive-interval | keepAliveInterval : PT-1S (expected: >= 0)
			""")
	void aValueTheNodeRefusesFailsStartupNamingThePropertyWithTheBuildersReason(String setting, String property,
			String reason) {
		this.nodeRunner.withPropertyValues(setting).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(refusal(context.getStartupFailure())).satisfies((refused) -> {
				assertThat(refused.getProperty()).isEqualTo(property);
				assertThat(refused.getDescription()).contains(reason);
			});
		});
	}

	@Test
	void splitBrainStrategyBindsFromItsKebabCaseName() {
		this.contextRunner.withPropertyValues("casty.node.split-brain-strategy=auto-down")
			.run((context) -> assertThat(context.getBean(CastyNodeProperties.class).getSplitBrainStrategy())
				.isEqualTo(SplitBrainStrategy.AUTO_DOWN));
	}

	@Test
	void anUnknownSplitBrainStrategyFailsBindingNamingTheProperty() {
		this.contextRunner.withPropertyValues("casty.node.split-brain-strategy=majority").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("majority");
			assertThat(context.getStartupFailure()).hasStackTraceContaining("casty.node.split-brain-strategy");
		});
	}

	@Test
	void clusterSecretTooShortFailsStartupWithoutShowingTheSecret() {
		this.nodeRunner.withPropertyValues("casty.node.cluster-secret=hunter2").run((context) -> {
			assertThat(context).hasFailed();
			InvalidCastyPropertyException refused = refusal(context.getStartupFailure());
			assertThat(refused.getProperty()).isEqualTo("casty.node.cluster-secret");
			assertThat(refused.getDescription()).startsWith("casty.node.cluster-secret is '(7 characters)', which the node rejects")
				.doesNotContain("hunter2");
		});
	}

	@Test
	void clusterSecretOfSixteenCharactersBinds() {
		this.contextRunner.withPropertyValues("casty.node.cluster-secret=0123456789abcdef")
			.run((context) -> assertThat(context.getBean(CastyNodeProperties.class).getClusterSecret())
				.isEqualTo("0123456789abcdef"));
	}

	private static InvalidCastyPropertyException refusal(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof InvalidCastyPropertyException refused) {
				return refused;
			}
		}
		throw new AssertionError("no InvalidCastyPropertyException in " + failure);
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(CastyNodeProperties.class)
	static class PropertiesOnly {

	}

}
