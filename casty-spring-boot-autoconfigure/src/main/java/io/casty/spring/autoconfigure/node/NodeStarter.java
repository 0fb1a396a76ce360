package io.casty.spring.autoconfigure.node;

import io.casty.CastyException;
import io.casty.cluster.ClusteredActorSystem;
import io.casty.cluster.EntityType;
import io.casty.remote.TransportSettings;
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

	/**
	 * A starter for a node.
	 * @param properties the node's configuration
	 * @param tls the node's TLS contexts, or {@code null} for plaintext connections
	 */
	NodeStarter(CastyNodeProperties properties, NodeTls tls) {
		this.properties = properties;
		this.tls = tls;
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
		TransportSettings.Builder transport = TransportSettings.builder()
			.maxFrameSize((int) this.properties.getMaxFrameSize().toBytes())
			.blockedThreadWarning(this.properties.getBlockedThreadWarning());
		if (this.properties.getClusterSecret() != null) {
			transport.clusterSecret(this.properties.getClusterSecret());
		}
		if (this.tls != null) {
			transport.serverTls(this.tls.server()).clientTls(this.tls.client());
		}
		return transport.build();
	}

	private ClusteredActorSystem bind() {
		CastyNodeProperties properties = this.properties;
		ClusteredActorSystem.Builder builder = ClusteredActorSystem.builder(properties.getSystemName())
			.host(properties.getHost())
			.port(properties.getPort())
			.seedNodes(properties.getSeedNodes().stream().map(String::trim).toList())
			.registerMessages(properties.getMessageClasses())
			.gossipInterval(properties.getGossipInterval())
			.heartbeatInterval(properties.getHeartbeatInterval())
			.failureDetectorThreshold(properties.getFailureDetectorThreshold())
			.acceptableHeartbeatPause(properties.getAcceptableHeartbeatPause())
			.downAfter(properties.getDownAfter())
			.splitBrainStrategy(properties.getSplitBrainStrategy())
			.maxSimultaneousRebalance(properties.getMaxSimultaneousRebalance())
			.leaveTimeout(properties.getLeaveTimeout())
			.passivateIdleAfter(properties.getPassivateIdleAfter())
			.entityMailboxCapacity(properties.getEntityMailboxCapacity())
			.actorsOnNetworkThreads(properties.isActorsOnNetworkThreads())
			.topologyHeartbeatInterval(properties.getTopologyHeartbeatInterval())
			.transport(transportSettings())
			// The application context closes the node (and so leaves the cluster) on SIGTERM; a
			// JVM hook of the node's own would run the leave a second time, racing the context.
			.leaveOnShutdown(false);
		if (properties.getNodeId() != null) {
			builder.nodeId(properties.getNodeId());
		}
		try {
			return builder.start();
		}
		catch (CastyException ex) {
			throw new NodeBindException(properties.getHost(), properties.getPort(), ex);
		}
	}

}
