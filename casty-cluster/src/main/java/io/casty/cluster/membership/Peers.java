package io.casty.cluster.membership;

import io.casty.actor.ActorSystem;
import io.casty.actor.NodeAddress;
import io.casty.cluster.membership.ClusterMessages.GossipEnvelope;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What this node's cluster daemon sends to the daemons of the other members: its gossip to one
 * member at a time or to all of them, and any other message to one or all. The other members are
 * those of the gossip that are neither down nor removed. Not thread-safe: the cluster daemon
 * owns it.
 */
final class Peers {

	private final ActorSystem system;

	private final NodeAddress self;

	private final Reachability reachability;

	/** @param reachability whom to spare the gossip rounds while others can be reached */
	Peers(ActorSystem system, Reachability reachability) {
		this.system = system;
		this.self = system.address();
		this.reachability = reachability;
	}

	/** Sends {@code gossip} to a member this node reaches, any member if it reaches none; to nobody without one. */
	void gossipToRandomPeer(Gossip gossip) {
		List<NodeAddress> peers = addresses(gossip);
		List<NodeAddress> reachable = peers.stream().filter(peer -> !reachability.isUnreachable(peer)).toList();
		List<NodeAddress> candidates = reachable.isEmpty() ? peers : reachable;
		if (!candidates.isEmpty()) {
			gossipTo(candidates.get(ThreadLocalRandom.current().nextInt(candidates.size())), gossip);
		}
	}

	void gossipTo(NodeAddress peer, Gossip gossip) {
		tell(peer, new GossipEnvelope(gossip, self));
	}

	void gossipToAll(Gossip gossip) {
		tellAll(gossip, new GossipEnvelope(gossip, self));
	}

	/** Sends {@code message} to every other member of {@code gossip}. */
	void tellAll(Gossip gossip, Object message) {
		addresses(gossip).forEach(peer -> tell(peer, message));
	}

	void tell(NodeAddress node, Object message) {
		ClusterDaemon.at(system, node).tell(message);
	}

	/** The other members of {@code gossip}, to watch or to ask. */
	List<NodeAddress> addresses(Gossip gossip) {
		return gossip.peersOf(self).stream().map(MemberRecord::address).toList();
	}
}
