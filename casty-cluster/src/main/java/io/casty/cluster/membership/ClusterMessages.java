package io.casty.cluster.membership;

import io.casty.actor.NodeAddress;
import io.casty.cluster.sharding.Allocations;
import io.casty.cluster.sharding.ForwardedEnvelope;
import io.casty.cluster.sharding.HandOff;
import io.casty.cluster.sharding.TypeAllocation;
import java.util.List;

/**
 * Internal: the node-to-node messages of the membership, registered by every node with those of
 * the shard regions (clients never see them).
 */
public final class ClusterMessages {

	/** Asks a member (a seed) to add {@code member} to the cluster. */
	public record Join(MemberRecord member) {
	}

	/** A node's whole gossip state; the receiver merges it and answers if it knew more. */
	public record GossipEnvelope(Gossip gossip, NodeAddress from) {
	}

	/** "I am alive", sent to every member each heartbeat interval. */
	public record Heartbeat(NodeAddress from) {
	}

	/**
	 * Asks a member for its gossip state, answered whatever it is: a node whose entities stood
	 * still (its lease ran out) checks that it was not downed meanwhile before they go on.
	 */
	public record MembershipCheck(NodeAddress from, long check) {
	}

	/** The answer to the {@link MembershipCheck} numbered {@code check}: the member's gossip state. */
	public record MembershipCheckReply(Gossip gossip, NodeAddress from, long check) {
	}

	/** Tells the leader that {@code from} stopped every entity of a shard it was handing off. */
	public record HandOffComplete(String type, int shard, NodeAddress from) {
	}

	/** Every class above, the gossip state classes, and what shard regions send each other. */
	public static final List<Class<?>> CLASSES = List.of(Join.class, GossipEnvelope.class, Heartbeat.class,
			HandOffComplete.class, ForwardedEnvelope.class, MembershipCheck.class, MembershipCheckReply.class,
			Gossip.class, MemberRecord.class, Allocations.class, TypeAllocation.class, HandOff.class,
			ReachabilityTable.class, ReachabilityTable.Row.class);

	private ClusterMessages() {
	}
}
