package io.casty.spring.autoconfigure.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.casty.cluster.ClusterSettings;
import io.casty.cluster.ClusteredActorSystem;
import io.casty.cluster.SplitBrainStrategy;
import io.casty.remote.TransportSettings;
import io.casty.spring.testing.TestEntities.AddPoints;
import io.casty.spring.testing.TestEntities.GetPoints;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;

/** Defaults come from the node's constants; every value the node would reject fails binding, naming the property. */
class CastyNodePropertiesTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withUserConfiguration(PropertiesOnly.class)
		.withPropertyValues("casty.node.system-name=test-cluster");

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
			casty.node.system-name=                    | systemName                 | must be set to the cluster's name
			casty.node.system-name=loyalty@cluster     | systemName                 | must not contain '@' or '/'
			casty.node.host=                           | host                       | must be set to an address of this machine
			casty.node.port=0                          | port                       | must be from 1 to 65535
			casty.node.port=65536                      | port                       | must be from 1 to 65535
			casty.node.node-id=                        | nodeId                     | must not be blank
			casty.node.seed-nodes=127.0.0.1            | seedNodes[0]               | must be host:port
			casty.node.seed-nodes=127.0.0.1:25520,a:b  | seedNodes[1]               | must be host:port
			casty.node.gossip-interval=0s              | gossipInterval             | must be a positive duration
			casty.node.heartbeat-interval=-1s          | heartbeatInterval          | must be a positive duration
			casty.node.acceptable-heartbeat-pause=0ms  | acceptableHeartbeatPause   | must be a positive duration
			casty.node.down-after=0s                   | downAfter                  | must be a positive duration
			casty.node.leave-timeout=0s                | leaveTimeout               | must be a positive duration
			casty.node.passivate-idle-after=-1s        | passivateIdleAfter         | must be zero (entities keep running)
			casty.node.entity-mailbox-capacity=0       | entityMailboxCapacity      | must be at least 1
			casty.node.blocked-thread-warning=-1s      | blockedThreadWarning       | must be zero (no warning)
			casty.node.topology-heartbeat-interval=0s  | topologyHeartbeatInterval  | must be a positive duration
			casty.node.failure-detector-threshold=0    | failureDetectorThreshold   | must be greater than 0
			casty.node.max-simultaneous-rebalance=0    | maxSimultaneousRebalance   | must be at least 1
			casty.node.max-frame-size=512B             | maxFrameSize               | must be from 1KB to 2GB
			casty.node.ssl.bundle=                     | ssl.bundle                 | must not be blank
			casty.node.persistence.keep-alive-interval=-1s | persistence.keepAliveInterval | must be zero (no keep-alive check)
			""")
	void invalidValueFailsBindingNamingThePropertyAndWhatItMustBe(String property, String field, String reason) {
		this.contextRunner.withPropertyValues(property).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(fieldErrors(context.getStartupFailure())).singleElement().satisfies((error) -> {
				assertThat(error.getObjectName() + "." + error.getField()).isEqualTo("casty.node." + field);
				assertThat(error.getDefaultMessage()).startsWith(reason);
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
	void clusterSecretTooShortFailsBindingWithoutShowingTheSecret() {
		this.contextRunner.withPropertyValues("casty.node.cluster-secret=hunter2").run((context) -> {
			assertThat(context).hasFailed();
			List<ObjectError> errors = validationErrors(context.getStartupFailure());
			assertThat(errors).singleElement().satisfies((error) -> {
				assertThat(error).isNotInstanceOf(FieldError.class);
				assertThat(error.getDefaultMessage()).startsWith("casty.node.cluster-secret is refused (")
					.doesNotContain("hunter2");
			});
		});
	}

	@Test
	void clusterSecretOfSixteenCharactersBinds() {
		this.contextRunner.withPropertyValues("casty.node.cluster-secret=0123456789abcdef")
			.run((context) -> assertThat(context.getBean(CastyNodeProperties.class).getClusterSecret())
				.isEqualTo("0123456789abcdef"));
	}

	private static List<FieldError> fieldErrors(Throwable failure) {
		return validationErrors(failure).stream()
			.filter(FieldError.class::isInstance)
			.map(FieldError.class::cast)
			.toList();
	}

	private static List<ObjectError> validationErrors(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof BindValidationException validation) {
				return validation.getValidationErrors().getAllErrors();
			}
		}
		throw new AssertionError("no BindValidationException in " + failure);
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(CastyNodeProperties.class)
	static class PropertiesOnly {

	}

}
