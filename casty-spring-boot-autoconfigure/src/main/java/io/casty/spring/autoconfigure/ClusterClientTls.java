package io.casty.spring.autoconfigure;

import io.casty.InvalidCastyPropertyException;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import javax.net.ssl.SSLException;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.ssl.SslOptions;

/** Turns the SSL bundle named by {@code casty.client.ssl.bundle} into the client's TLS context. */
final class ClusterClientTls {

	private static final String PROPERTY = "casty.client.ssl.bundle";

	private ClusterClientTls() {
	}

	static SslContext fromBundle(SslBundles bundles, String name) {
		if (bundles == null) {
			throw new InvalidCastyPropertyException(PROPERTY, PROPERTY + " is '" + name
					+ "', but the application has no SSL bundles.", "Define it under spring.ssl.bundle.");
		}
		SslBundle bundle;
		try {
			bundle = bundles.getBundle(name);
		}
		catch (NoSuchSslBundleException ex) {
			throw new InvalidCastyPropertyException(PROPERTY,
					PROPERTY + " is '" + name + "', but there is no SSL bundle of that name.",
					"Define the bundle under spring.ssl.bundle.jks." + name + " or spring.ssl.bundle.pem." + name
							+ ", or correct " + PROPERTY + ".",
					ex);
		}
		try {
			SslContextBuilder builder = SslContextBuilder.forClient()
				.keyManager(bundle.getManagers().getKeyManagerFactory())
				.trustManager(bundle.getManagers().getTrustManagerFactory());
			SslOptions options = bundle.getOptions();
			if (options.getEnabledProtocols() != null) {
				builder.protocols(options.getEnabledProtocols());
			}
			if (options.getCiphers() != null) {
				builder.ciphers(java.util.List.of(options.getCiphers()));
			}
			return builder.build();
		}
		catch (SSLException ex) {
			throw new InvalidCastyPropertyException(PROPERTY,
					"The SSL bundle '" + name + "' cannot be used for TLS: " + ex.getMessage() + ".",
					"Check the bundle's key and trust material.", ex);
		}
	}
}
