package io.casty.spring.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.casty.CastyException;
import io.casty.remote.TransportSettings;
import io.micrometer.observation.ObservationRegistry;
import io.casty.testing.FreePorts;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The test node's port: free when chosen, and another one when it was taken before the bind. */
class TestNodeStarterTests {

	private ServerSocket taken;

	@BeforeEach
	void takeAPort() throws IOException {
		this.taken = new ServerSocket(0, 1, InetAddress.getByName(TestNodeStarter.HOST));
	}

	@AfterEach
	void releaseThePort() throws IOException {
		this.taken.close();
	}

	@Test
	void portTakenBetweenItsChoiceAndTheBindIsReplacedByAnother() {
		int free = FreePorts.next();
		AtomicInteger attempts = new AtomicInteger();
		TestNodeStarter starter = starter(() -> (attempts.incrementAndGet() == 1) ? this.taken.getLocalPort() : free);

		try (CastyTestNode node = starter.start(List.of())) {
			assertThat(node.port()).isEqualTo(free);
			assertThat(attempts).hasValue(2);
		}
	}

	@Test
	void portsTakenOnEveryAttemptFailStartupNamingEachAttempt() {
		TestNodeStarter starter = starter(this.taken::getLocalPort);

		assertThatThrownBy(() -> starter.start(List.of())).isInstanceOf(CastyException.class)
			.hasMessageStartingWith("The Casty test node could not bind any of 5 free ports on 127.0.0.1")
			.satisfies((ex) -> assertThat(ex.getSuppressed()).hasSize(TestNodeStarter.BIND_ATTEMPTS)
				.allSatisfy((attempt) -> assertThat(attempt)
					.hasMessageContaining("127.0.0.1:" + this.taken.getLocalPort())));
	}

	private static TestNodeStarter starter(IntSupplier ports) {
		return new TestNodeStarter("starter-test", List.of(), TransportSettings.defaults(), ObservationRegistry.NOOP, ports);
	}

}
