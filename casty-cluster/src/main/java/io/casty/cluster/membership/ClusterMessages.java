package io.casty.cluster.membership;

import io.casty.actor.NodeAddress;
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
			HandOffComplete.class, ForwardedEnvelope.class, Gossip.class, MemberRecord.class, Allocations.class,
			TypeAllocation.class, HandOff.class);

	private ClusterMessages() {
	}
}
