package io.casty.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.casty.InvalidCastyPropertyException;
import io.casty.client.ClusterUnavailableException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.io.support.SpringFactoriesLoader.FailureHandler;
import org.springframework.core.io.support.SpringFactoriesLoader;

/** Startup failures are reported with a description and an action, not a stack trace. */
class FailureAnalyzersTests {

	@Test
	void analyzersAreRegisteredWithSpringBoot() {
		// other modules' analyzers need constructor arguments this test does not give; skip them
		assertThat(SpringFactoriesLoader.forDefaultResourceLocation()
			.load(FailureAnalyzer.class, null, FailureHandler.handleMessage((message, failure) -> {
			})))
			.hasAtLeastOneElementOfType(InvalidCastyPropertyFailureAnalyzer.class)
			.hasAtLeastOneElementOfType(CastyClusterUnreachableFailureAnalyzer.class)
			.anySatisfy((analyzer) -> assertThat(analyzer.getClass().getSimpleName()).isEqualTo("NodeBindFailureAnalyzer"));
	}

	@Test
	void invalidPropertyIsDescribedWithItsFix() {
		InvalidCastyPropertyException invalid = new InvalidCastyPropertyException(
				"casty.client.system-name", "casty.client.system-name is not set.", "Set it.");

		FailureAnalysis analysis = new InvalidCastyPropertyFailureAnalyzer()
			.analyze(new IllegalStateException("wrapped", invalid));

		assertThat(analysis.getDescription())
			.isEqualTo("Invalid Casty client configuration: casty.client.system-name is not set.");
		assertThat(analysis.getAction()).isEqualTo("Set it.");
	}

	@Test
	void unreachableClusterIsDescribedWithTheWaysOut() {
		CastyClusterUnreachableException unreachable = new CastyClusterUnreachableException("loyalty-cluster",
				List.of("10.0.0.1:25520"), Duration.ofSeconds(3), "Connection refused",
				new ClusterUnavailableException("No topology within 3000 ms"));

		FailureAnalysis analysis = new CastyClusterUnreachableFailureAnalyzer().analyze(unreachable);

		assertThat(analysis.getDescription()).isEqualTo("Casty cluster 'loyalty-cluster' sent no topology within "
				+ "3000 ms (casty.client.startup.mode=fail-fast); contact points [10.0.0.1:25520]; "
				+ "last error: Connection refused");
		assertThat(analysis.getAction()).isEqualTo("Start the nodes of cluster 'loyalty-cluster', or correct "
				+ "casty.client.contact-points [10.0.0.1:25520] and casty.client.system-name, or raise "
				+ "casty.client.startup.timeout (3000 ms). To start without the cluster and connect in the "
				+ "background, set casty.client.startup.mode=background.");
	}

}
