package io.casty.spring.autoconfigure.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.casty.testing.FreePorts;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class NodeBindFailureAnalyzerTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CastyNodeAutoConfiguration.class))
		.withPropertyValues("casty.node.system-name=bind-test");

	@Test
	void portTakenByAnotherProcessFailsStartupSayingHowToMoveThisNode() throws IOException {
		try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
			int port = taken.getLocalPort();
			this.contextRunner.withPropertyValues("casty.node.port=" + port).run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = new NodeBindFailureAnalyzer().analyze(context.getStartupFailure());
				assertThat(analysis).isNotNull();
				assertThat(analysis.getDescription())
					.startsWith("The Casty node could not listen on 127.0.0.1:" + port + ": ");
				assertThat(analysis.getAction()).contains("already listen on 127.0.0.1:" + port)
					.contains("--casty.node.port=")
					.contains("--casty.node.host=");
			});
		}
	}

	@Test
	void freePortStartsTheNodeWithoutAnyFailure() {
		this.contextRunner.withPropertyValues("casty.node.port=" + FreePorts.next())
			.run((context) -> assertThat(context).hasNotFailed());
	}

}
