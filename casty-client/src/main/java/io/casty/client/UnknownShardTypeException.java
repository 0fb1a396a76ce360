package io.casty.client;

import io.casty.CastyException;
import io.casty.topology.TopologySnapshot;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A message for a shard type that the cluster does not host: its topology allocates shards of
 * other types only, so no node would ever take the message (a misspelt shard type, or one the
 * nodes do not register). Thrown by {@code tell}, and the failure of an {@code ask}, at once
 * rather than after the ask timeout.
 */
public class UnknownShardTypeException extends CastyException {

	private final String shardType;

	private final Set<String> hostedShardTypes;

	UnknownShardTypeException(String shardType, Set<String> hostedShardTypes, long epoch) {
		super("Shard type '" + shardType + "' is not hosted by the cluster, which hosts " + new TreeSet<>(hostedShardTypes)
				+ " (topology epoch " + epoch + "); check the shard type's name against the nodes' entity types"
				+ " (casty.client.entities.<shard-type> for the Spring Boot starter)");
		this.shardType = shardType;
		this.hostedShardTypes = Set.copyOf(hostedShardTypes);
	}

	/**
	 * The failure for {@code shardType} if {@code snapshot} shows that the cluster does not host
	 * it. A topology that allocates nothing yet (a cluster still starting) says nothing about it.
	 */
	static Optional<UnknownShardTypeException> ifNotHosted(TopologySnapshot snapshot, String shardType) {
		if (snapshot == null || snapshot.allocations().isEmpty() || snapshot.allocations().containsKey(shardType)) {
			return Optional.empty();
		}
		return Optional.of(new UnknownShardTypeException(shardType, snapshot.allocations().keySet(), snapshot.epoch()));
	}

	/** The shard type the message was for. */
	public String shardType() {
		return shardType;
	}

	/** The shard types the cluster's topology allocates. */
	public Set<String> hostedShardTypes() {
		return hostedShardTypes;
	}
}
