package io.casty.topology;

import io.casty.actor.NodeAddress;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The cluster as one node sees it at one moment, pushed to topology subscribers on every
 * change.
 *
 * @param members every known member with its status
 * @param unreachable members the failure detector currently cannot reach
 * @param leader the member that allocates shards, or {@code null} while there is none
 * @param allocations shard owners per entity type, by type name
 * @param epoch increases with every change of members or allocations; a subscriber ignores a
 *     snapshot older than the one it has
 */
public record TopologySnapshot(List<Member> members, Set<NodeAddress> unreachable, NodeAddress leader,
		Map<String, ShardAllocation> allocations, long epoch) {

	public TopologySnapshot {
		members = List.copyOf(members);
		unreachable = Set.copyOf(unreachable);
		allocations = Map.copyOf(allocations);
	}

	/** The leader, if there is one. */
	public Optional<NodeAddress> leaderAddress() {
		return Optional.ofNullable(leader);
	}

	/** The allocation of one entity type, if the cluster hosts it. */
	public Optional<ShardAllocation> allocation(String shardType) {
		return Optional.ofNullable(allocations.get(Objects.requireNonNull(shardType, "shardType")));
	}

	/** Members with status {@link MemberStatus#UP}. */
	public List<Member> upMembers() {
		return members.stream().filter(member -> member.status() == MemberStatus.UP).toList();
	}
}
