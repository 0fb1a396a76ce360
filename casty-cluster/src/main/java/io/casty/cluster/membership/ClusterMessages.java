package io.casty.cluster.membership;

import io.casty.actor.NodeAddress;
import io.casty.cluster.sharding.Allocations;
import io.casty.cluster.sharding.HandOff;
import io.casty.cluster.sharding.TypeAllocation;
import io.casty.sharding.ShardEnvelope;
import java.util.List;

/** The node-to-node messages, registered by every node (clients never see them). */
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

	/**
	 * An envelope a region passed on to the shard's owner as of {@code epoch}; a region with an
	 * older view waits for that epoch instead of passing it back.
	 */
	public record ForwardedEnvelope(ShardEnvelope<?> envelope, long epoch) {
	}

	/** Every class above and the gossip state classes. */
	public static final List<Class<?>> CLASSES = List.of(Join.class, GossipEnvelope.class, Heartbeat.class,
			HandOffComplete.class, ForwardedEnvelope.class, MembershipCheck.class, MembershipCheckReply.class,
			Gossip.class, MemberRecord.class, Allocations.class, TypeAllocation.class, HandOff.class,
			ReachabilityTable.class, ReachabilityTable.Row.class);

	private ClusterMessages() {
	}
}
