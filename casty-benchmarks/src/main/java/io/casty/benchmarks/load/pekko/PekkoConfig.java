package io.casty.benchmarks.load.pekko;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.casty.benchmarks.load.LoadSettings;

/** The Pekko settings of the node and the client: defaults, except where a comment says why. */
final class PekkoConfig {

	static final String SYSTEM = "bench";

	private PekkoConfig() {
	}

	static Config node(String host, int port, LoadSettings settings) {
		return ConfigFactory.parseString("""
				pekko.actor.provider = cluster
				pekko.cluster.seed-nodes = ["pekko://%s@%s:%d"]
				pekko.cluster.jmx.enabled = off
				pekko.extensions = ["org.apache.pekko.cluster.client.ClusterClientReceptionist"]
				""".formatted(SYSTEM, host, port))
			.withFallback(common(host, port, settings));
	}

	static Config client(String host, LoadSettings settings) {
		return ConfigFactory.parseString("pekko.actor.provider = remote").withFallback(common(host, 0, settings));
	}

	private static Config common(String host, int port, LoadSettings settings) {
		// Artery drops messages beyond its outbound queue (3072 by default) without a word, which
		// would turn a tell run into lost points: room for every tell of a run.
		int outboundQueue = Math.max(3072, settings.tells() * 2);
		return ConfigFactory.parseString("""
				pekko.loglevel = WARNING
				pekko.stdout-loglevel = WARNING
				pekko.log-dead-letters = off
				pekko.remote.artery.canonical.hostname = "%s"
				pekko.remote.artery.canonical.port = %d
				pekko.remote.artery.advanced.outbound-message-queue-size = %d
				pekko.actor.serializers.points = "io.casty.benchmarks.load.pekko.PointsSerializer"
				pekko.actor.serialization-bindings {
				  "io.casty.benchmarks.load.pekko.PointsProtocol$Message" = points
				}
				""".formatted(host, port, outboundQueue)).withFallback(ConfigFactory.load());
	}
}
