package io.casty.client;

import io.casty.topology.TopologySnapshot;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says in the log, as soon as the topology shows it, that the client uses a shard type the
 * cluster does not host (every message to it fails): once per shard type, and again if the
 * cluster hosted it meanwhile and stopped.
 */
final class UnhostedShardTypeWarnings implements ClusterClientListener {

	private static final Logger logger = LoggerFactory.getLogger(UnhostedShardTypeWarnings.class);

	private final Supplier<Collection<String>> shardTypesInUse;

	private final Set<String> warned = ConcurrentHashMap.newKeySet();

	UnhostedShardTypeWarnings(Supplier<Collection<String>> shardTypesInUse) {
		this.shardTypesInUse = shardTypesInUse;
	}

	@Override
	public void topologyUpdated(TopologySnapshot snapshot) {
		shardTypesInUse.get().forEach((shardType) -> check(snapshot, shardType));
	}

	void check(TopologySnapshot snapshot, String shardType) {
		if (snapshot == null || snapshot.allocations().isEmpty()) {
			// A cluster still starting says nothing about shard types: no warning, and none re-armed.
			return;
		}
		UnknownShardTypeException.ifNotHosted(snapshot, shardType).ifPresentOrElse((unknown) -> {
			if (warned.add(shardType)) {
				logger.warn("{}", unknown.getMessage());
			}
		}, () -> warned.remove(shardType));
	}
}
