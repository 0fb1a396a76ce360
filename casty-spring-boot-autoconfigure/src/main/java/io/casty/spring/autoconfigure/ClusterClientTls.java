package io.casty.spring.autoconfigure;

import io.casty.InvalidCastyPropertyException;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import javax.net.ssl.SSLException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;

/** Turns the SSL bundle named by {@code casty.client.ssl.bundle} into the client's TLS context. */
final class ClusterClientTls {

	private static final String PROPERTY = "casty.client.ssl.bundle";

	private ClusterClientTls() {
	}

	static SslContext fromBundle(SslBundles bundles, String name) {
		SslBundle bundle = SslBundleSupport.bundle(bundles, PROPERTY, name);
		try {
			return SslBundleSupport.withOptions(SslContextBuilder.forClient(), bundle.getOptions())
				.keyManager(bundle.getManagers().getKeyManagerFactory())
				.trustManager(bundle.getManagers().getTrustManagerFactory())
				.build();
		}
		catch (SSLException ex) {
			throw new InvalidCastyPropertyException(PROPERTY,
					"The SSL bundle '" + name + "' cannot be used for TLS: " + ex.getMessage() + ".",
					"Check the bundle's key and trust material.", ex);
		}
	}
}
