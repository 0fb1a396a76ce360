package io.casty.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.casty.InvalidCastyPropertyException;
import io.casty.client.ClusterClient;
import io.casty.client.EntityRef;
import io.casty.cluster.ClusteredActorSystem;
import io.casty.sample.loyalty.AddPoints;
import io.casty.sample.loyalty.GetPoints;
import io.casty.sample.loyalty.LoyaltyCommand;
import io.casty.sample.loyalty.LoyaltyMessages;
import io.casty.spring.autoconfigure.InvalidCastyPropertyFailureAnalyzer;
import io.casty.spring.autoconfigure.node.CastyNodeAutoConfiguration;
import io.casty.testing.FreePorts;
import io.casty.testing.LogCapture;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.pkitesting.CertificateBuilder;
import io.netty.pkitesting.X509Bundle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.support.SpringFactoriesLoader;

/**
 * casty.node.ssl.bundle: the node application speaks TLS with the key and trust material of a
 * Spring SSL bundle, to clients and (mutual TLS) to other nodes. The certificates are made here
 * and written as PEM files to a temporary directory.
 */
class NodeTlsTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private static final String BUNDLE = "casty-node";

	@TempDir
	static Path pem;

	private static X509Bundle authority;

	private static X509Bundle strangerAuthority;

	/** Arguments that define the bundle {@value #BUNDLE} from the PEM files. */
	private static List<String> bundleArguments;

	private final NodeApps nodes = new NodeApps();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CastyNodeAutoConfiguration.class))
		.withPropertyValues("casty.node.system-name=tls-test", "casty.node.port=" + FreePorts.next());

	@BeforeAll
	static void makeCertificates() throws Exception {
		authority = new CertificateBuilder().subject("CN=casty test authority").setIsCertificateAuthority(true)
			.ecp256()
			.buildSelfSigned();
		strangerAuthority = new CertificateBuilder().subject("CN=someone else").setIsCertificateAuthority(true)
			.ecp256()
			.buildSelfSigned();
		// One certificate for both test nodes: it names every address they are dialled at.
		X509Bundle node = new CertificateBuilder().subject("CN=casty node")
			.addSanIpAddress("127.0.0.1")
			.addSanIpAddress("127.0.0.2")
			.ecp256()
			.buildIssuedBy(authority);
		Path certificate = Files.writeString(pem.resolve("node.crt"), node.getCertificatePEM());
		Path privateKey = Files.writeString(pem.resolve("node.key"), node.getPrivateKeyPEM());
		Path trusted = Files.writeString(pem.resolve("ca.crt"), authority.getCertificatePEM());
		String prefix = "--spring.ssl.bundle.pem." + BUNDLE;
		bundleArguments = List.of("--casty.node.ssl.bundle=" + BUNDLE,
				prefix + ".keystore.certificate=file:" + certificate.toAbsolutePath(),
				prefix + ".keystore.private-key=file:" + privateKey.toAbsolutePath(),
				prefix + ".truststore.certificate=file:" + trusted.toAbsolutePath());
	}

	@AfterEach
	void closeAll() throws Exception {
		this.nodes.close();
	}

	private ConfigurableApplicationContext startNode(String host, int port, String... extraArguments) {
		return this.nodes.start(host, port, extraArguments);
	}

	private ConfigurableApplicationContext startTlsNode(String host, int port, String... extraArguments) {
		List<String> arguments = new ArrayList<>(bundleArguments);
		arguments.addAll(List.of(extraArguments));
		return startNode(host, port, arguments.toArray(String[]::new));
	}

	/** A client of the loyalty cluster; with TLS when it is given the authority to trust. */
	private ClusterClient client(int port, X509Bundle trusted) throws Exception {
		ClusterClient.Builder builder = ClusterClient.builder()
			.systemName("loyalty-cluster")
			.contactPoints("127.0.0.1:" + port)
			.registerMessages(LoyaltyMessages.CLASSES);
		if (trusted != null) {
			SslContext tls = SslContextBuilder.forClient().trustManager(trusted.toTrustManagerFactory()).build();
			builder.tls(tls);
		}
		ClusterClient client = builder.build();
		this.nodes.closeLater(client);
		return client;
	}

	@Test
	void clientThatTrustsTheNodesAuthorityIsServedOverTls() throws Exception {
		int port = FreePorts.next();
		startTlsNode("127.0.0.1", port);
		ClusterClient client = client(port, authority);
		EntityRef<LoyaltyCommand> loyalty = client.entityRef(LoyaltyMessages.SHARD_TYPE, LoyaltyMessages.NUM_SHARDS);

		loyalty.tell("user-1", new AddPoints(42));

		assertThat(loyalty.<Integer>ask("user-1", GetPoints::new, TIMEOUT).join()).isEqualTo(42);
		assertThat(client.state().topology()).isPresent();
	}

	@Test
	void plaintextClientIsRefusedByATlsNode() throws Exception {
		int port = FreePorts.next();
		startTlsNode("127.0.0.1", port);
		// After the node started: Spring Boot's logging setup would detach an appender added earlier.
		try (LogCapture log = LogCapture.of("io.casty.remote")) {
			ClusterClient plaintext = client(port, null);

			await().atMost(TIMEOUT).untilAsserted(() -> assertThat(log.messages())
				.anyMatch((line) -> line.contains("not a TLS connection (a plaintext peer on this TLS port?)")));
			assertThat(plaintext.state().isConnected()).isFalse();
			assertThat(plaintext.state().topology()).isEmpty();
		}
	}

	@Test
	void clientThatDoesNotTrustTheNodesCertificateRefusesIt() throws Exception {
		int port = FreePorts.next();
		startTlsNode("127.0.0.1", port);
		try (LogCapture log = LogCapture.of("io.casty.remote")) {
			ClusterClient stranger = client(port, strangerAuthority);

			await().atMost(TIMEOUT).untilAsserted(() -> assertThat(log.messages())
				.anyMatch((line) -> line.startsWith("WARN Could not connect to") && line.contains("TLS handshake failed")));
			assertThat(stranger.state().isConnected()).isFalse();
			assertThat(stranger.state().topology()).isEmpty();
		}
	}

	@Test
	void nodesWithTheBundleFormAClusterOverMutualTls() {
		int port = FreePorts.next();
		ConfigurableApplicationContext first = startTlsNode("127.0.0.1", port, "--casty.node.node-id=node-1");
		startTlsNode("127.0.0.2", port, "--casty.node.node-id=node-2", "--casty.node.seed-nodes=127.0.0.1:" + port);

		assertThat(first.getBean(ClusteredActorSystem.class).awaitMembers(2, TIMEOUT).upMembers()).hasSize(2);
	}

	@Test
	void unknownBundleFailsStartupWithAReportNamingThePropertyAndValue() {
		assertThatThrownBy(() -> startNode("127.0.0.1", FreePorts.next(), "--casty.node.ssl.bundle=missing"))
			.satisfies((failure) -> {
				FailureAnalysis analysis = new InvalidCastyPropertyFailureAnalyzer().analyze(failure);
				assertThat(analysis).isNotNull();
				assertThat(analysis.getDescription()).isEqualTo("Invalid Casty node configuration: "
						+ "casty.node.ssl.bundle is 'missing', but there is no SSL bundle of that name.");
				assertThat(analysis.getAction()).isEqualTo("Define the bundle under spring.ssl.bundle.jks.missing "
						+ "or spring.ssl.bundle.pem.missing, or correct casty.node.ssl.bundle.");
			});
	}

	@Test
	void bundleWithoutAKeyFailsStartupBecauseANodeNeedsItsOwnCertificate() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class))
			.withPropertyValues("casty.node.ssl.bundle=trust-only",
					"spring.ssl.bundle.pem.trust-only.truststore.certificate=" + authority.getCertificatePEM())
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.isInstanceOf(InvalidCastyPropertyException.class)
					.hasMessageStartingWith("casty.node.ssl.bundle is 'trust-only', but that SSL bundle has no key "
							+ "store: a node needs its own certificate and private key.");
			});
	}

	@Test
	void bundleNamedWithoutAnySslBundlesFailsStartupNamingTheProperty() {
		this.contextRunner.withPropertyValues("casty.node.ssl.bundle=missing").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidCastyPropertyException.class)
				.hasMessage("casty.node.ssl.bundle is 'missing', but the application has no SSL bundles. "
						+ "Define it under spring.ssl.bundle.");
		});
	}

	@Test
	void failureAnalyzerIsRegisteredWithSpringBoot() {
		assertThat(SpringFactoriesLoader.forDefaultResourceLocation()
			.load(FailureAnalyzer.class, null, SpringFactoriesLoader.FailureHandler.handleMessage((message, failure) -> {
			})))
			.hasAtLeastOneElementOfType(InvalidCastyPropertyFailureAnalyzer.class);
	}

}
