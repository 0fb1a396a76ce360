package io.casty.spring.autoconfigure.node;

import io.casty.InvalidCastyPropertyException;
import io.casty.spring.autoconfigure.SslBundleSupport;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;

/**
 * The node's TLS contexts, made from the SSL bundle named by {@code casty.node.ssl.bundle}.
 *
 * <p>The bundle's key is the node's own certificate: the {@linkplain #server() server} context
 * presents it to everyone who connects, and the {@linkplain #client() client} context presents it
 * to the nodes this one dials, which require it (mutual TLS between nodes). The bundle's trust
 * material verifies the other nodes, both when they dial in and when this node dials them (host
 * names included). Clients may connect without a certificate
 * ({@link ClientAuth#OPTIONAL}); the transport refuses a node that dials in without a trusted one.
 *
 * @param server TLS for the connections the node accepts
 * @param client TLS for the connections the node opens to other nodes
 */
record NodeTls(SslContext server, SslContext client) {

	static final String PROPERTY = "casty.node.ssl.bundle";

	/**
	 * Makes both contexts from a bundle.
	 * @param bundles the application's SSL bundles, or {@code null} when it has none
	 * @param name the bundle's name, the value of {@value #PROPERTY}
	 * @throws InvalidCastyPropertyException when there is no such bundle, it has no key, or
	 * Netty cannot use it
	 */
	static NodeTls fromBundle(SslBundles bundles, String name) {
		SslBundle bundle = SslBundleSupport.bundle(bundles, PROPERTY, name);
		if (bundle.getStores().getKeyStore() == null) {
			throw new InvalidCastyPropertyException(PROPERTY, PROPERTY + " is '" + name
					+ "', but that SSL bundle has no key store: a node needs its own certificate and private key.",
					"Add them to the bundle, for example spring.ssl.bundle.pem." + name + ".keystore.certificate and "
							+ "spring.ssl.bundle.pem." + name + ".keystore.private-key.");
		}
		KeyManagerFactory key = bundle.getManagers().getKeyManagerFactory();
		TrustManagerFactory trust = bundle.getManagers().getTrustManagerFactory();
		try {
			SslContext server = SslBundleSupport.withOptions(SslContextBuilder.forServer(key), bundle.getOptions())
				.trustManager(trust)
				.clientAuth(ClientAuth.OPTIONAL)
				.build();
			SslContext client = SslBundleSupport.withOptions(SslContextBuilder.forClient(), bundle.getOptions())
				.keyManager(key)
				.trustManager(trust)
				.build();
			return new NodeTls(server, client);
		}
		catch (SSLException | IllegalArgumentException ex) {
			throw new InvalidCastyPropertyException(PROPERTY,
					"The SSL bundle '" + name + "' cannot be used for TLS: " + ex.getMessage() + ".",
					"Check the bundle's key and trust material, protocols and ciphers.", ex);
		}
	}

}
