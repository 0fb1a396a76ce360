package io.casty.cluster;

/**
 * What members do about the members they cannot reach, when a crash cannot be told from a
 * network partition or a long pause: see {@link ClusteredActorSystem.Builder#splitBrainStrategy}.
 */
public enum SplitBrainStrategy {

	/**
	 * Only a node that reaches a majority of the up and leaving members (with exactly half, the
	 * half that holds the lowest address) downs the others and moves their shards. A node
	 * without a majority downs nobody and allocates nothing, and after half of {@code downAfter}
	 * its shard regions stop their entities and keep their messages until a majority is back:
	 * of the two sides of a partition, at most one goes on, and the other stopped its entities
	 * before the first may move them. The price: when more than half of the members die at once
	 * (or exactly half, holding the lowest address; the lower-addressed one of two), the rest
	 * stop too, until enough of them come back.
	 */
	KEEP_MAJORITY,

	/**
	 * Every node downs whatever it cannot reach for {@code downAfter} and goes on with the
	 * members it can reach: always available, but during a partition (or a pause longer than
	 * the failure detector tolerates) each side takes the other's shards and an entity can run
	 * on two nodes at once.
	 */
	AUTO_DOWN

}
