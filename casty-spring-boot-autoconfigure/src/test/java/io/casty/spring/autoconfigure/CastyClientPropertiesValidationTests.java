package io.casty.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.casty.InvalidCastyPropertyException;
import io.casty.spring.testing.Failures;
import io.casty.spring.testing.TestEntities;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Every configuration mistake fails startup with a message naming the property, the value and the fix. */
class CastyClientPropertiesValidationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CastyClientAutoConfiguration.class))
		.withPropertyValues("casty.client.system-name=test-cluster");

	private static AbstractThrowableAssert<?, ? extends Throwable> assertThatInvalidProperty(
			AssertableApplicationContext context) {
		assertThat(context).hasFailed();
		return assertThat(Failures.causeOf(context.getStartupFailure(), InvalidCastyPropertyException.class));
	}

	@Test
	void missingContactPointsFailStartupSayingHowToSetThem() {
		this.contextRunner.run((context) -> assertThatInvalidProperty(context)
			.hasMessage("casty.client.contact-points is empty, so the client has no cluster node to subscribe at. "
					+ "Set casty.client.contact-points to the host:port of one or more cluster nodes, "
					+ "for example casty.client.contact-points=127.0.0.1:25520."));
	}

	@Test
	void missingSystemNameFailsStartupSayingHowToSetIt() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(CastyClientAutoConfiguration.class))
			.withPropertyValues("casty.client.contact-points=127.0.0.1:25520")
			.run((context) -> assertThatInvalidProperty(context)
				.hasMessage("casty.client.system-name is not set. Set casty.client.system-name to the cluster's "
						+ "system name (the nodes' casty.node.system-name), for example "
						+ "casty.client.system-name=loyalty-cluster."));
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			localhost        | which is not host:port
			:25520           | which is not host:port
			localhost:       | which is not host:port
			localhost:http   | whose port is not a number
			localhost:70000  | whose port is not from 1 to 65535
			localhost:0      | whose port is not from 1 to 65535
			""")
	void contactPointThatIsNotHostAndPortFailsStartupNamingItsIndex(String contactPoint, String problem) {
		this.contextRunner.withPropertyValues("casty.client.contact-points=127.0.0.1:25520," + contactPoint)
			.run((context) -> assertThatInvalidProperty(context)
				.hasMessage("casty.client.contact-points[1] is '" + contactPoint + "', " + problem + ". "
						+ "Write each contact point as host:port with a port from 1 to 65535, for example "
						+ "casty.client.contact-points=127.0.0.1:25520."));
	}

	@Test
	void unknownEntityKeyFailsStartupListingTheKnownOnes() {
		this.contextRunner
			.withPropertyValues("casty.client.contact-points=127.0.0.1:25520",
					"casty.client.entities.loyalty.num-shard=10")
			.run((context) -> assertThatInvalidProperty(context)
				.hasMessageStartingWith("Unknown entity type setting casty.client.entities.loyalty.num-shard='10'")
				.hasMessageEndingWith("An entity type takes num-shards (its number of shards, the same as the "
						+ "cluster's) and message-type (the fully qualified name of its message class); correct or "
						+ "remove the unknown keys, for example casty.client.entities.loyalty.num-shards=10."));
	}

	@ParameterizedTest(name = "num-shards={0}")
	@CsvSource({ "0", "-3" })
	void nonPositiveShardCountFailsStartupNamingTheEntityType(int numShards) {
		this.contextRunner
			.withPropertyValues("casty.client.contact-points=127.0.0.1:25520",
					"casty.client.entities.loyalty.num-shards=" + numShards)
			.run((context) -> assertThatInvalidProperty(context)
				.hasMessage("casty.client.entities.loyalty.num-shards is '" + numShards
						+ "', but an entity type has at least one shard. Set "
						+ "casty.client.entities.loyalty.num-shards to the number of shards the cluster uses for "
						+ "'loyalty', for example casty.client.entities.loyalty.num-shards=10."));
	}

	@Test
	void entityTypeWithoutShardCountFailsStartup() {
		this.contextRunner
			.withPropertyValues("casty.client.contact-points=127.0.0.1:25520",
					"casty.client.entities.loyalty.message-type=" + TestEntities.LoyaltyCommand.class.getName())
			.run((context) -> assertThatInvalidProperty(context)
				.hasMessageStartingWith("casty.client.entities.loyalty.num-shards is not set. Set "
						+ "casty.client.entities.loyalty.num-shards to the number of shards"));
	}

	@Test
	void messageTypeThatIsNotAClassFailsStartupNamingTheValue() {
		this.contextRunner
			.withPropertyValues("casty.client.contact-points=127.0.0.1:25520",
					"casty.client.entities.loyalty.num-shards=10",
					"casty.client.entities.loyalty.message-type=com.example.Missing")
			.run((context) -> assertThatInvalidProperty(context)
				.hasMessage("casty.client.entities.loyalty.message-type is 'com.example.Missing', which is not a "
						+ "class on the application's class path. Set casty.client.entities.loyalty.message-type "
						+ "to the fully qualified name of the entity type's message class, for example "
						+ "com.example.loyalty.LoyaltyCommand."));
	}

	@Test
	void messageClassThatIsNotAClassFailsStartupNamingTheProperty() {
		this.contextRunner
			.withPropertyValues("casty.client.contact-points=127.0.0.1:25520",
					"casty.client.message-classes=com.example.Missing")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(Failures.causeOf(context.getStartupFailure(), BindException.class))
					.hasMessage("Failed to bind properties under 'casty.client.message-classes' to "
							+ "java.util.List<java.lang.Class<?>>");
			});
	}

	@ParameterizedTest(name = "{0}={1}")
	@CsvSource(delimiter = '|', textBlock = """
			casty.client.connect-timeout      | 0s    | PT0S    | connectTimeout : PT0S (expected: > 0)
			casty.client.handshake-timeout    | -1s   | PT-1S   | handshakeTimeout : PT-1S (expected: > 0)
			casty.client.ask-timeout          | 0ms   | PT0S    | askTimeout : PT0S (expected: > 0)
			casty.client.ask-busy-wait        | -1us  | PT-0.000001S | askBusyWait : PT-0.000001S (expected: >= 0, 0 to turn it off)
			casty.client.ask-busy-wait        | 5ms   | PT0.005S | askBusyWait : PT0.005S (expected: at most PT0.001S; a reply later than that is better waited for parked)
			casty.client.subscription-timeout | 0s    | PT0S    | subscriptionTimeout : PT0S (expected: > 0)
			casty.client.buffer-size          | -1    | -1      | bufferSize : -1 (expected: >= 0)
			casty.client.max-in-flight-asks   | 0     | 0       | maxInFlightAsks : 0 (expected: > 0)
			casty.client.max-frame-size       | 10B   | 10B     | maxFrameSize : 10 (expected: >= 1024)
			""")
	void valueTheClientRejectsFailsStartupNamingTheProperty(String property, String value, String shown,
			String reason) {
		this.contextRunner.withPropertyValues("casty.client.contact-points=127.0.0.1:25520", property + "=" + value)
			.run((context) -> assertThatInvalidProperty(context)
				.hasMessage(property + " is '" + shown + "', which the client rejects: " + reason + ". Change "
						+ property + " to a value the client accepts, or remove it to use the default."));
	}

	@Test
	void reconnectBackoffWithMaxBelowMinFailsStartupNamingBoth() {
		this.contextRunner
			.withPropertyValues("casty.client.contact-points=127.0.0.1:25520",
					"casty.client.reconnect-backoff.min=1s", "casty.client.reconnect-backoff.max=500ms")
			.run((context) -> assertThatInvalidProperty(context)
				.hasMessageStartingWith("casty.client.reconnect-backoff is 'min PT1S, max PT0.5S', which the "
						+ "client rejects: reconnectBackoff : max PT0.5S < min PT1S."));
	}

	@Test
	void aShortClusterSecretFailsStartupWithoutShowingIt() {
		this.contextRunner
			.withPropertyValues("casty.client.contact-points=127.0.0.1:25520", "casty.client.cluster-secret=hunter2")
			.run((context) -> assertThatInvalidProperty(context)
				.hasMessage("casty.client.cluster-secret is '(7 characters)', which the client rejects: "
						+ "clusterSecret : 7 characters (expected: at least 16 characters). Change "
						+ "casty.client.cluster-secret to a value the client accepts, or remove it to use the default.")
				.message()
				.doesNotContain("hunter2"));
	}

	@Test
	void failFastWithoutAPositiveStartupTimeoutFailsStartup() {
		this.contextRunner
			.withPropertyValues("casty.client.contact-points=127.0.0.1:25520", "casty.client.startup.mode=fail-fast",
					"casty.client.startup.timeout=0s")
			.run((context) -> assertThatInvalidProperty(context)
				.hasMessage("casty.client.startup.timeout is 'PT0S', but fail-fast startup needs a positive wait. "
						+ "Set casty.client.startup.timeout to how long startup may wait for the cluster, "
						+ "for example 10s."));
	}

}
