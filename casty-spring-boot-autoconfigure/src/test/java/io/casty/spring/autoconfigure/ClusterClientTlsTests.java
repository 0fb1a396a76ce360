package io.casty.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.casty.InvalidCastyPropertyException;
import io.casty.client.ClusterClient;
import io.casty.cluster.ClusteredActorSystem;
import io.casty.remote.TransportSettings;
import io.casty.spring.testing.Failures;
import io.casty.testing.FreePorts;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.pkitesting.CertificateBuilder;
import io.netty.pkitesting.X509Bundle;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** casty.client.ssl.bundle: the client verifies a TLS node with a Spring SSL bundle's trust material. */
class ClusterClientTlsTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CastyClientAutoConfiguration.class, SslAutoConfiguration.class))
		.withPropertyValues("casty.client.system-name=tls-cluster");

	@Test
	void aClientWithTheBundleOfTheNodesAuthorityReachesATlsNode() throws Exception {
		X509Bundle authority = new CertificateBuilder().subject("CN=test authority").setIsCertificateAuthority(true)
			.ecp256()
			.buildSelfSigned();
		X509Bundle nodeCertificate = new CertificateBuilder().subject("CN=node").addSanIpAddress("127.0.0.1").ecp256()
			.buildIssuedBy(authority);
		int port = FreePorts.next();
		try (ClusteredActorSystem node = ClusteredActorSystem.builder("tls-cluster")
			.port(port)
			.transport(TransportSettings.builder()
				.serverTls(SslContextBuilder.forServer(nodeCertificate.toKeyManagerFactory()).build())
				.build())
			.start()) {
			this.contextRunner
				.withPropertyValues("casty.client.contact-points=127.0.0.1:" + port, "casty.client.ssl.bundle=casty",
						"spring.ssl.bundle.pem.casty.truststore.certificate=" + authority.getCertificatePEM())
				.run((context) -> assertThat(context.getBean(ClusterClient.class).awaitTopology(Duration.ofSeconds(10))
					.members()).hasSize(1));
		}
	}

	@Test
	void anUnknownBundleFailsStartupNamingTheProperty() {
		this.contextRunner
			.withPropertyValues("casty.client.contact-points=127.0.0.1:25520", "casty.client.ssl.bundle=missing")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(Failures.causeOf(context.getStartupFailure(), InvalidCastyPropertyException.class))
					.hasMessage("casty.client.ssl.bundle is 'missing', but there is no SSL bundle of that name. Define "
							+ "the bundle under spring.ssl.bundle.jks.missing or spring.ssl.bundle.pem.missing, or "
							+ "correct casty.client.ssl.bundle.");
			});
	}
}
