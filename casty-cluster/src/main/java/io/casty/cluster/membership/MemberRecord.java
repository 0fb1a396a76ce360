package io.casty.cluster.membership;

import io.casty.actor.NodeAddress;
import io.casty.topology.MemberStatus;
import java.util.Map;
import java.util.Objects;

/**
 * Internal: one member as gossip carries it.
 *
 * @param address where the member listens
 * @param nodeId the member's configured name
 * @param incarnation tells apart two lives of the same address: a restarted (or downed and
 *     rejoining) node has a higher one, and its record replaces the old
 * @param status where the member is in its life; within one incarnation it only moves forward
 * @param version bumped by the member when it changes {@code entityTypes}
 * @param entityTypes the entity types the member hosts, with their shard counts
 */
public record MemberRecord(NodeAddress address, String nodeId, long incarnation, MemberStatus status, long version,
		Map<String, Integer> entityTypes) {

	public MemberRecord {
		Objects.requireNonNull(address, "address");
		Objects.requireNonNull(nodeId, "nodeId");
		Objects.requireNonNull(status, "status");
		entityTypes = Map.copyOf(entityTypes);
	}

	/** The order statuses move in; merging takes the later one. */
	static int rank(MemberStatus status) {
		return switch (status) {
			case JOINING -> 0;
			case UP -> 1;
			case LEAVING -> 2;
			case EXITING -> 3;
			case DOWN -> 4;
			case REMOVED -> 5;
		};
	}

	/** What two views of the same member agree on: the later incarnation, status and version. */
	MemberRecord merge(MemberRecord other) {
		if (other.incarnation != incarnation) {
			return other.incarnation > incarnation ? other : this;
		}
		MemberStatus status = rank(other.status) > rank(this.status) ? other.status : this.status;
		MemberRecord newer = other.version > version ? other : this;
		return new MemberRecord(address, nodeId, incarnation, status, newer.version, newer.entityTypes);
	}

	MemberRecord withStatus(MemberStatus next) {
		return new MemberRecord(address, nodeId, incarnation, next, version, entityTypes);
	}

	MemberRecord withEntityType(String type, int numShards) {
		Map<String, Integer> types = new java.util.HashMap<>(entityTypes);
		types.put(type, numShards);
		return new MemberRecord(address, nodeId, incarnation, status, version + 1, types);
	}

	/**
	 * Up or leaving: a member that may own shards, counts for the majority and may lead. (Only an
	 * up one gets new shards, see {@link #canHost}.)
	 */
	boolean upOrLeaving() {
		return status == MemberStatus.UP || status == MemberStatus.LEAVING;
	}

	/** May own shards of {@code type}: up, and hosting it. */
	boolean canHost(String type) {
		return status == MemberStatus.UP && entityTypes.containsKey(type);
	}
}
