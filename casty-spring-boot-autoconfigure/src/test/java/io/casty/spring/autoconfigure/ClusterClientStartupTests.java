package io.casty.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.casty.InvalidCastyPropertyException;
import io.casty.client.ClientState;
import io.casty.client.ClusterClient;
import io.casty.spring.autoconfigure.CastyClientConnectionDetails.Node;
import io.casty.spring.autoconfigure.CastyClientProperties.Startup;
import io.casty.spring.testing.TestNode;
import io.casty.testing.FreePorts;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Fail-fast and background startup, on a client nothing answers or a node refuses. */
class ClusterClientStartupTests {

	private final int port = FreePorts.next();

	private final CastyClientConnectionDetails connectionDetails = new CastyClientConnectionDetails() {

		@Override
		public String getSystemName() {
			return "down-cluster";
		}

		@Override
		public List<Node> getContactPoints() {
			return List.of(new Node("127.0.0.1", ClusterClientStartupTests.this.port));
		}

	};

	private ClusterClient client() {
		return ClusterClient.builder()
			.systemName("down-cluster")
			.contactPoints("127.0.0.1:" + this.port)
			.reconnectBackoff(Duration.ofMillis(20), Duration.ofMillis(100))
			.build();
	}

	@Test
	void failFastThatCannotReachTheClusterClosesTheClientBeforeFailing() {
		Startup startup = new Startup();
		startup.setMode(Startup.Mode.FAIL_FAST);
		startup.setTimeout(Duration.ofMillis(100));
		ClusterClient client = client();

		assertThatThrownBy(() -> new ClusterClientStartup(startup, this.connectionDetails).await(client))
			.isInstanceOf(CastyClusterUnreachableException.class);
		assertThat(client.state().status()).isEqualTo(ClientState.Status.CLOSED);
	}

	@Test
	void failFastRefusedTheSystemNameClosesTheClientAndNamesTheProperty() {
		Startup startup = new Startup();
		startup.setMode(Startup.Mode.FAIL_FAST);
		try (TestNode node = TestNode.start(this.port)) {
			ClusterClient client = client();

			assertThatThrownBy(() -> new ClusterClientStartup(startup, this.connectionDetails).await(client))
				.isInstanceOfSatisfying(InvalidCastyPropertyException.class,
						(invalid) -> assertThat(invalid.getProperty()).isEqualTo("casty.client.system-name"));
			assertThat(client.state().status()).isEqualTo(ClientState.Status.CLOSED);
		}
	}

	@Test
	void backgroundReturnsTheClientAtOnceWithoutWaiting() {
		try (ClusterClient client = client()) {
			assertThat(new ClusterClientStartup(new Startup(), this.connectionDetails).await(client)).isSameAs(client);
			assertThat(client.state().status()).isEqualTo(ClientState.Status.CONNECTING);
		}
	}

}
