package io.casty.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.casty.client.ClusterClient;
import io.casty.remote.TransportSettings;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.util.unit.DataSize;

/** Defaults are the client's own constants, and every property binds. */
class CastyClientPropertiesTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CastyClientAutoConfiguration.class))
		.withPropertyValues("casty.client.system-name=test-cluster", "casty.client.contact-points=127.0.0.1:1");

	@Test
	void defaultsAreTheClientsDefaults() {
		CastyClientProperties properties = new CastyClientProperties();

		assertThat(properties.getConnectTimeout()).isEqualTo(TransportSettings.DEFAULT_CONNECT_TIMEOUT);
		assertThat(properties.getHandshakeTimeout()).isEqualTo(TransportSettings.DEFAULT_HANDSHAKE_TIMEOUT);
		assertThat(properties.getMaxFrameSize().toBytes()).isEqualTo(TransportSettings.DEFAULT_MAX_FRAME_SIZE);
		assertThat(properties.getAskTimeout()).isEqualTo(ClusterClient.Builder.DEFAULT_ASK_TIMEOUT);
		assertThat(properties.getSubscriptionTimeout()).isEqualTo(ClusterClient.Builder.DEFAULT_SUBSCRIPTION_TIMEOUT);
		assertThat(properties.getBufferSize()).isEqualTo(ClusterClient.Builder.DEFAULT_BUFFER_SIZE);
		assertThat(properties.getMaxInFlightAsks()).isEqualTo(ClusterClient.Builder.DEFAULT_MAX_IN_FLIGHT_ASKS);
		assertThat(properties.getReconnectBackoff().getMin())
			.isEqualTo(ClusterClient.Builder.DEFAULT_RECONNECT_BACKOFF_MIN);
		assertThat(properties.getReconnectBackoff().getMax())
			.isEqualTo(ClusterClient.Builder.DEFAULT_RECONNECT_BACKOFF_MAX);
		assertThat(properties.getStartup().getMode()).isEqualTo(CastyClientProperties.Startup.Mode.BACKGROUND);
	}

	@Test
	void everyPropertyBinds() {
		this.contextRunner
			.withPropertyValues("casty.client.contact-points=10.0.0.1:25520,10.0.0.2:25520",
					"casty.client.connect-timeout=1s", "casty.client.handshake-timeout=2s",
					"casty.client.ask-timeout=3s", "casty.client.ask-busy-wait=100us",
					"casty.client.subscription-timeout=4s",
					"casty.client.buffer-size=5", "casty.client.max-in-flight-asks=9",
					"casty.client.max-frame-size=2MB",
					"casty.client.reconnect-backoff.min=6ms", "casty.client.reconnect-backoff.max=7s",
					"casty.client.message-classes=java.lang.String,java.lang.Integer",
					"casty.client.entities.loyalty.num-shards=10",
					"casty.client.entities.loyalty.message-type=java.lang.String",
					"casty.client.startup.timeout=8s")
			.run((context) -> {
				CastyClientProperties properties = context.getBean(CastyClientProperties.class);
				assertThat(properties.getSystemName()).isEqualTo("test-cluster");
				assertThat(properties.getContactPoints()).containsExactly("10.0.0.1:25520", "10.0.0.2:25520");
				assertThat(properties.getConnectTimeout()).hasSeconds(1);
				assertThat(properties.getHandshakeTimeout()).hasSeconds(2);
				assertThat(properties.getAskTimeout()).hasSeconds(3);
				assertThat(properties.getAskBusyWait()).hasNanos(100_000);
				assertThat(properties.getSubscriptionTimeout()).hasSeconds(4);
				assertThat(properties.getBufferSize()).isEqualTo(5);
				assertThat(properties.getMaxInFlightAsks()).isEqualTo(9);
				assertThat(properties.getMaxFrameSize()).isEqualTo(DataSize.ofMegabytes(2));
				assertThat(properties.getReconnectBackoff().getMin()).hasMillis(6);
				assertThat(properties.getReconnectBackoff().getMax()).hasSeconds(7);
				assertThat(properties.getMessageClasses()).containsExactly(String.class, Integer.class);
				assertThat(properties.getEntities().get("loyalty").getNumShards()).isEqualTo(10);
				assertThat(properties.getEntities().get("loyalty").getMessageType()).isEqualTo(String.class);
				assertThat(properties.getStartup().getTimeout()).hasSeconds(8);
			});
	}

}
