package io.casty.spring.autoconfigure;

import io.casty.InvalidCastyPropertyException;
import io.netty.handler.ssl.SslContextBuilder;
import java.util.List;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.ssl.SslOptions;

/**
 * What the client's and the node's TLS share: finding the bundle a property names, with a
 * failure that names the property, and applying the bundle's protocols and ciphers to a Netty
 * context. Used by this module's auto-configurations only.
 */
public final class SslBundleSupport {

	private SslBundleSupport() {
	}

	/**
	 * The bundle {@code name}, which {@code property} names.
	 * @param bundles the application's SSL bundles, or {@code null} when it has none
	 * @throws InvalidCastyPropertyException when there is no such bundle
	 */
	public static SslBundle bundle(SslBundles bundles, String property, String name) {
		if (bundles == null) {
			throw new InvalidCastyPropertyException(property, property + " is '" + name
					+ "', but the application has no SSL bundles.", "Define it under spring.ssl.bundle.");
		}
		try {
			return bundles.getBundle(name);
		}
		catch (NoSuchSslBundleException ex) {
			throw new InvalidCastyPropertyException(property,
					property + " is '" + name + "', but there is no SSL bundle of that name.",
					"Define the bundle under spring.ssl.bundle.jks." + name + " or spring.ssl.bundle.pem." + name
							+ ", or correct " + property + ".",
					ex);
		}
	}

	/** {@code builder} with the bundle's enabled protocols and ciphers, where it sets them. */
	public static SslContextBuilder withOptions(SslContextBuilder builder, SslOptions options) {
		if (options.getEnabledProtocols() != null) {
			builder.protocols(options.getEnabledProtocols());
		}
		if (options.getCiphers() != null) {
			builder.ciphers(List.of(options.getCiphers()));
		}
		return builder;
	}
}
