package io.casty.benchmarks.load.hazelcast;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.config.Config;
import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.casty.benchmarks.load.LoadSettings;
import io.casty.benchmarks.load.SystemUnderTest;
import io.casty.benchmarks.load.Target;
import java.util.Properties;

/**
 * Hazelcast 5 the way its documentation recommends for this job: one member holding the
 * accounts in an {@code IMap} (in-memory format {@code OBJECT}, recommended for entry
 * processors), reached by a smart client (the default routing) that runs an
 * {@link AddPoints} entry processor on the key with {@code submitToKey}.
 */
public final class HazelcastSystem implements SystemUnderTest {

	public static final String NAME = "hazelcast";

	static final String MAP = "points";

	private static final String CLUSTER = "bench";

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public AutoCloseable serve(String host, int port, LoadSettings settings) {
		Config config = new Config();
		config.setClusterName(CLUSTER);
		quiet(config.getProperties());
		NetworkConfig network = config.getNetworkConfig();
		network.setPort(port).setPortAutoIncrement(false);
		network.getInterfaces().setEnabled(true).addInterface(host);
		JoinConfig join = network.getJoin();
		// A one-member cluster on loopback: no discovery of any kind.
		join.getMulticastConfig().setEnabled(false);
		join.getTcpIpConfig().setEnabled(false);
		join.getAutoDetectionConfig().setEnabled(false);
		config.addMapConfig(new MapConfig(MAP).setInMemoryFormat(InMemoryFormat.OBJECT));
		config.getSerializationConfig().addDataSerializableFactory(PointsSerializers.FACTORY_ID, new PointsSerializers());
		HazelcastInstance member = Hazelcast.newHazelcastInstance(config);
		return member::shutdown;
	}

	@Override
	public Target connect(String host, int port, LoadSettings settings) {
		ClientConfig config = new ClientConfig();
		config.setClusterName(CLUSTER);
		quiet(config.getProperties());
		config.getNetworkConfig().addAddress(host + ":" + port);
		config.getSerializationConfig().addDataSerializableFactory(PointsSerializers.FACTORY_ID, new PointsSerializers());
		return new HazelcastTarget(HazelcastClient.newHazelcastClient(config), settings.entities());
	}

	/** Logs through SLF4J (warnings only) and never phones home: the run must stay on loopback. */
	private static void quiet(Properties properties) {
		properties.setProperty("hazelcast.logging.type", "slf4j");
		properties.setProperty("hazelcast.phone.home.enabled", "false");
	}
}
