package io.casty.topology;

/** Where a member is in its life in the cluster. */
public enum MemberStatus {

	/** Asked to join; not yet given shards. */
	JOINING,

	/** A full member: may own shards and be leader. */
	UP,

	/** Leaving gracefully: its shards are being handed off. */
	LEAVING,

	/** Handed off everything; about to be removed. */
	EXITING,

	/** Gone from the cluster. */
	REMOVED,

	/** Declared dead after being unreachable too long; its shards are re-allocated. */
	DOWN

}
