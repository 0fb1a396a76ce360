package io.casty.cluster.membership;

import io.casty.actor.ActorRef;
import io.casty.actor.NodeAddress;
import io.casty.cluster.topology.TopologyPublisher;
import io.casty.topology.Member;
import io.casty.topology.MemberStatus;
import io.casty.topology.ShardAllocation;
import io.casty.topology.TopologySnapshot;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The public view of this node's membership state, the {@link TopologySnapshot} that clients and
 * the node's {@code await*} methods see: handed to the {@link TopologyPublisher} each time it
 * changes, and only then. Not thread-safe: the cluster daemon owns it.
 */
final class TopologyPublication {

	private final ActorRef<Object> publisher;

	private TopologySnapshot published;

	TopologyPublication(ActorRef<Object> publisher) {
		this.publisher = publisher;
	}

	/**
	 * Publishes the view of {@code gossip} unless it is the one published last: the members not
	 * removed, in address order, and the allocations without their hand-offs.
	 */
	void publish(Gossip gossip, Set<NodeAddress> unreachable, NodeAddress leader) {
		List<Member> members = gossip.members().values().stream()
			.filter(member -> member.status() != MemberStatus.REMOVED)
			.sorted(Comparator.comparing(MemberRecord::address, LeaderActions.ADDRESS_ORDER))
			.map(member -> new Member(member.address(), member.nodeId(), member.status()))
			.toList();
		Map<String, ShardAllocation> allocations = new HashMap<>();
		gossip.allocations().types().forEach((type, allocation) -> allocations.put(type, allocation.toShardAllocation()));
		TopologySnapshot snapshot = new TopologySnapshot(members, unreachable, leader, allocations,
				gossip.allocations().epoch());
		if (!snapshot.equals(published)) {
			published = snapshot;
			publisher.tell(new TopologyPublisher.Publish(snapshot));
		}
	}
}
