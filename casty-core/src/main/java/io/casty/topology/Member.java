package io.casty.topology;

import io.casty.actor.NodeAddress;
import java.util.Objects;

/**
 * One node of the cluster as the topology sees it.
 *
 * @param address where the node listens
 * @param nodeId the node's configured name (for people; the address identifies it)
 * @param status where the node is in its life in the cluster
 */
public record Member(NodeAddress address, String nodeId, MemberStatus status) {

	public Member {
		Objects.requireNonNull(address, "address");
		Objects.requireNonNull(nodeId, "nodeId");
		Objects.requireNonNull(status, "status");
	}
}
