package io.casty.spring.autoconfigure.node;

import io.casty.CastyException;
import io.casty.InvalidCastyPropertyException;
import io.casty.cluster.ClusteredActorSystem;
import io.casty.cluster.EntityType;
import io.casty.cluster.discovery.DnsSeedDiscovery;
import io.casty.remote.TransportSettings;
import io.casty.spring.autoconfigure.PropertyValues;
import io.micrometer.observation.ObservationRegistry;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the node described by {@link CastyNodeProperties} and hosts the entity types on it.
 */
final class NodeStarter {

	private static final Logger logger = LoggerFactory.getLogger(NodeStarter.class);

	private final CastyNodeProperties properties;

	private final NodeTls tls;

	private final ObservationRegistry observationRegistry;

	private final PropertyValues values = new PropertyValues("node");

	/**
	 * A starter for a node.
	 * @param properties the node's configuration
	 * @param tls the node's TLS contexts, or {@code null} for plaintext connections
	 * @param observationRegistry where the entities' handling of messages is observed
	 */
	NodeStarter(CastyNodeProperties properties, NodeTls tls, ObservationRegistry observationRegistry) {
		this.properties = properties;
		this.tls = tls;
		this.observationRegistry = observationRegistry;
	}

	/**
	 * Binds the port, joins the cluster through the seed nodes in the background, and hosts
	 * every entity type.
	 * @throws NodeBindException when the node cannot listen on its host and port
	 */
	ClusteredActorSystem start(List<EntityType<?>> entityTypes) {
		ClusteredActorSystem node = bind();
		try {
			entityTypes.forEach(node::shardRegion);
		}
		catch (RuntimeException ex) {
			node.close();
			throw ex;
		}
		logger.info("Casty node {} of '{}' on {}{} hosts {}", node.nodeId(), this.properties.getSystemName(),
				node.address().hostPort(), (this.tls != null) ? " (TLS)" : "",
				entityTypes.stream().map(EntityType::name).toList());
		return node;
	}

	private TransportSettings transportSettings() {
		CastyNodeProperties properties = this.properties;
		PropertyValues values = this.values;
		TransportSettings.Builder transport = TransportSettings.builder();
		values.apply("casty.node.max-frame-size", properties.getMaxFrameSize(),
				(size) -> transport.maxFrameSize(PropertyValues.intBytes(size)));
		values.apply("casty.node.blocked-thread-warning", properties.getBlockedThreadWarning(),
				transport::blockedThreadWarning);
		String secret = properties.getClusterSecret();
		if (secret != null) {
			// The value stays out of the error report: it is a secret.
			values.set("casty.node.cluster-secret", "(" + secret.length() + " characters)",
					() -> transport.clusterSecret(secret));
		}
		if (this.tls != null) {
			transport.serverTls(this.tls.server()).clientTls(this.tls.client());
		}
		return transport.build();
	}

	/** Every {@code casty.node.*} value through the builder, which judges it (see {@link PropertyValues}). */
	private ClusteredActorSystem.Builder configure() {
		CastyNodeProperties properties = this.properties;
		PropertyValues values = this.values;
		String systemName = properties.getSystemName();
		if (systemName == null || systemName.isBlank()) {
			throw new InvalidCastyPropertyException("casty.node.system-name", "casty.node.system-name is not set.",
					"Set casty.node.system-name to the cluster's name, the same on every node and client, for "
							+ "example casty.node.system-name=loyalty-cluster.");
		}
		ClusteredActorSystem.Builder builder = values.make("casty.node.system-name", systemName,
				() -> ClusteredActorSystem.builder(systemName));
		values.apply("casty.node.host", properties.getHost(), builder::host);
		values.apply("casty.node.port", properties.getPort(), builder::port);
		if (properties.getBindHost() != null) {
			values.apply("casty.node.bind-host", properties.getBindHost(), builder::bindHost);
		}
		if (properties.getBindPort() != null) {
			values.apply("casty.node.bind-port", properties.getBindPort(), builder::bindPort);
		}
		if (properties.getNodeId() != null) {
			values.apply("casty.node.node-id", properties.getNodeId(), builder::nodeId);
		}
		values.apply("casty.node.message-classes", properties.getMessageClasses(), builder::registerMessages);
		values.apply("casty.node.gossip-interval", properties.getGossipInterval(), builder::gossipInterval);
		values.apply("casty.node.heartbeat-interval", properties.getHeartbeatInterval(), builder::heartbeatInterval);
		values.apply("casty.node.failure-detector-threshold", properties.getFailureDetectorThreshold(),
				builder::failureDetectorThreshold);
		values.apply("casty.node.acceptable-heartbeat-pause", properties.getAcceptableHeartbeatPause(),
				builder::acceptableHeartbeatPause);
		values.apply("casty.node.down-after", properties.getDownAfter(), builder::downAfter);
		values.apply("casty.node.split-brain-strategy", properties.getSplitBrainStrategy(), builder::splitBrainStrategy);
		values.apply("casty.node.max-simultaneous-rebalance", properties.getMaxSimultaneousRebalance(),
				builder::maxSimultaneousRebalance);
		values.apply("casty.node.leave-timeout", properties.getLeaveTimeout(), builder::leaveTimeout);
		values.apply("casty.node.passivate-idle-after", properties.getPassivateIdleAfter(), builder::passivateIdleAfter);
		values.apply("casty.node.entity-mailbox-capacity", properties.getEntityMailboxCapacity(),
				builder::entityMailboxCapacity);
		builder.actorsOnNetworkThreads(properties.isActorsOnNetworkThreads()).observationRegistry(this.observationRegistry);
		values.apply("casty.node.topology-heartbeat-interval", properties.getTopologyHeartbeatInterval(),
				builder::topologyHeartbeatInterval);
		builder.transport(transportSettings())
			// The application context closes the node (and so leaves the cluster) on SIGTERM; a
			// JVM hook of the node's own would run the leave a second time, racing the context.
			.leaveOnShutdown(false);
		// Last: with casty.node.discovery=dns it waits for DNS, which the other settings' mistakes
		// should not have to wait out.
		values.apply("casty.node.seed-nodes", seedNodes(), builder::seedNodes);
		return builder;
	}

	/** The seed nodes: the listed ones, or those DNS has (casty.node.discovery=dns). */
	private List<String> seedNodes() {
		CastyNodeProperties properties = this.properties;
		if (properties.getDiscovery() != CastyNodeProperties.Discovery.DNS) {
			return properties.getSeedNodes().stream().map(String::trim).toList();
		}
		if (!properties.getSeedNodes().isEmpty()) {
			throw new InvalidCastyPropertyException("casty.node.seed-nodes",
					"casty.node.seed-nodes is " + properties.getSeedNodes() + ", but casty.node.discovery=dns takes "
							+ "the seed nodes from DNS.",
					"Remove casty.node.seed-nodes, or set casty.node.discovery=static to use them.");
		}
		CastyNodeProperties.Dns dns = properties.getDns();
		String name = dns.getName();
		if (name == null || name.isBlank()) {
			throw new InvalidCastyPropertyException("casty.node.dns.name", "casty.node.dns.name is not set, but "
					+ "casty.node.discovery=dns needs the DNS name whose addresses are the nodes'.",
					"Set casty.node.dns.name, for example to a Kubernetes headless service's name "
							+ "(casty-node.shop.svc.cluster.local).");
		}
		PropertyValues values = this.values;
		DnsSeedDiscovery.Builder discovery = values.make("casty.node.dns.name", name,
				() -> DnsSeedDiscovery.builder(name, properties.getPort()));
		if (dns.getServer() != null) {
			values.apply("casty.node.dns.server", dns.getServer(), discovery::server);
		}
		values.apply("casty.node.dns.required-addresses", dns.getRequiredAddresses(), discovery::requiredAddresses);
		values.apply("casty.node.dns.timeout", dns.getTimeout(), discovery::timeout);
		values.apply("casty.node.dns.retry-interval", dns.getRetryInterval(), discovery::retryInterval);
		return discovery.build().seedNodes();
	}

	private ClusteredActorSystem bind() {
		ClusteredActorSystem.Builder builder = configure();
		try {
			return builder.start();
		}
		catch (CastyException ex) {
			CastyNodeProperties properties = this.properties;
			throw new NodeBindException((properties.getBindHost() != null) ? properties.getBindHost() : properties.getHost(),
					(properties.getBindPort() != null) ? properties.getBindPort() : properties.getPort(), ex);
		}
	}

}
