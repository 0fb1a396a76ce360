package io.casty.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.casty.actor.ActorAddress;
import io.casty.actor.ActorRef;
import io.casty.actor.ActorSystem;
import io.casty.actor.Behaviors;
import io.casty.actor.NodeAddress;
import io.casty.actor.TemporaryRef;
import io.casty.serialization.MessageRegistry;
import io.casty.testing.FreePorts;
import io.casty.testing.LogCapture;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.pkitesting.CertificateBuilder;
import io.netty.pkitesting.X509Bundle;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** TLS between clients and nodes and mutual TLS between nodes, with certificates made here. */
class TlsTest {

	record Ping(ActorRef<String> replyTo) {
	}

	private static X509Bundle authority;

	private static X509Bundle strangerAuthority;

	private static X509Bundle nodeCertificate;

	private static X509Bundle wrongHostCertificate;

	private final MessageRegistry registry = MessageRegistry.builder().register(Ping.class).build();

	private final List<AutoCloseable> closeables = new ArrayList<>();

	private final LogCapture log = LogCapture.of("io.casty.remote");

	@BeforeAll
	static void makeCertificates() throws Exception {
		authority = new CertificateBuilder().subject("CN=casty test authority").setIsCertificateAuthority(true)
			.ecp256()
			.buildSelfSigned();
		strangerAuthority = new CertificateBuilder().subject("CN=someone else").setIsCertificateAuthority(true)
			.ecp256()
			.buildSelfSigned();
		nodeCertificate = new CertificateBuilder().subject("CN=node").addSanIpAddress("127.0.0.1").ecp256()
			.buildIssuedBy(authority);
		wrongHostCertificate = new CertificateBuilder().subject("CN=elsewhere").addSanIpAddress("127.0.0.9").ecp256()
			.buildIssuedBy(authority);
	}

	@AfterEach
	void closeAll() throws Exception {
		for (int i = closeables.size() - 1; i >= 0; i--) {
			closeables.get(i).close();
		}
		log.close();
	}

	private static SslContext server(X509Bundle certificate) throws Exception {
		return SslContextBuilder.forServer(certificate.toKeyManagerFactory())
			.trustManager(authority.toTrustManagerFactory())
			.clientAuth(ClientAuth.OPTIONAL)
			.build();
	}

	private static SslContext client(X509Bundle trusted, X509Bundle ownCertificate) throws Exception {
		SslContextBuilder builder = SslContextBuilder.forClient().trustManager(trusted.toTrustManagerFactory());
		if (ownCertificate != null) {
			builder.keyManager(ownCertificate.toKeyManagerFactory());
		}
		return builder.build();
	}

	private NettyTransport node(TransportSettings settings) {
		ActorSystem system = new ActorSystem(new NodeAddress("tls", "127.0.0.1", FreePorts.next()));
		NettyTransport transport = new NettyTransport(system, registry, settings);
		closeables.add(system);
		closeables.add(transport);
		transport.bind();
		system.spawn(Behaviors.<Ping>receiveMessage(ping -> {
			ping.replyTo().tell("pong");
			return Behaviors.same();
		}), "echo");
		return transport;
	}

	private NettyTransport peer(NodeAddress address, TransportSettings settings) {
		ActorSystem system = new ActorSystem(address);
		NettyTransport transport = new NettyTransport(system, registry, settings);
		closeables.add(system);
		closeables.add(transport);
		return transport;
	}

	private NettyTransport client(TransportSettings settings) {
		return peer(new NodeAddress("tls", "client-" + UUID.randomUUID(), 0), settings);
	}

	private NettyTransport tlsNode() throws Exception {
		return node(TransportSettings.builder().serverTls(server(nodeCertificate)).build());
	}

	private String ask(NettyTransport client, NettyTransport node) throws Exception {
		ActorSystem clientSystem = closeables.stream()
			.filter(ActorSystem.class::isInstance)
			.map(ActorSystem.class::cast)
			.filter(system -> system.address().equals(client.address()))
			.findFirst()
			.orElseThrow();
		CompletableFuture<String> reply = new CompletableFuture<>();
		TemporaryRef<String> replyTo = clientSystem.temporaryRef(reply::complete);
		client.send(new ActorAddress(node.address(), "/user/echo"), new Ping(replyTo));
		return reply.get(5, TimeUnit.SECONDS);
	}

	private static void assertConnectFails(NettyTransport client, NettyTransport node) {
		assertThatThrownBy(() -> client.connect(node.address()).get(5, TimeUnit.SECONDS))
			.isInstanceOf(ExecutionException.class);
	}

	@Test
	void aClientThatTrustsTheNodeTalksOverTls() throws Exception {
		NettyTransport node = tlsNode();
		NettyTransport client = client(TransportSettings.builder().clientTls(client(authority, null)).build());

		assertThat(ask(client, node)).isEqualTo("pong");
	}

	@Test
	void aPlaintextClientIsRefusedByATlsNodeWithAClearMessage() throws Exception {
		NettyTransport node = tlsNode();
		NettyTransport client = client(TransportSettings.defaults());

		assertConnectFails(client, node);
		await().until(() -> log.messages().stream()
			.anyMatch(line -> line.contains("not a TLS connection (a plaintext peer on this TLS port?)")));
	}

	@Test
	void aClientThatDoesNotTrustTheNodesCertificateRefusesIt() throws Exception {
		NettyTransport node = tlsNode();
		NettyTransport client = client(TransportSettings.builder().clientTls(client(strangerAuthority, null)).build());

		assertConnectFails(client, node);
		await().until(() -> log.messages().stream()
			.anyMatch(line -> line.startsWith("WARN Could not connect to") && line.contains("TLS handshake failed")));
	}

	@Test
	void aCertificateForAnotherHostIsRefusedUnlessHostnameVerificationIsOff() throws Exception {
		NettyTransport node = node(TransportSettings.builder().serverTls(server(wrongHostCertificate)).build());
		NettyTransport verifying = client(TransportSettings.builder().clientTls(client(authority, null)).build());
		SslContext withoutHostnameVerification = SslContextBuilder.forClient()
			.trustManager(authority.toTrustManagerFactory())
			.endpointIdentificationAlgorithm(null)
			.build();
		NettyTransport lenient = client(TransportSettings.builder().clientTls(withoutHostnameVerification).build());

		assertConnectFails(verifying, node);
		assertThat(ask(lenient, node)).isEqualTo("pong");
	}

	@Test
	void nodesMustPresentATrustedCertificateToEachOther() throws Exception {
		NettyTransport node = tlsNode();
		NettyTransport withCertificate = peer(new NodeAddress("tls", "127.0.0.1", FreePorts.next()),
				TransportSettings.builder().clientTls(client(authority, nodeCertificate)).build());
		NettyTransport withoutCertificate = peer(new NodeAddress("tls", "127.0.0.1", FreePorts.next()),
				TransportSettings.builder().clientTls(client(authority, null)).build());

		withCertificate.connect(node.address()).get(5, TimeUnit.SECONDS);
		assertConnectFails(withoutCertificate, node);
		await().until(() -> log.messages().stream().anyMatch(line -> line.contains("presented no trusted certificate")));
	}
}
