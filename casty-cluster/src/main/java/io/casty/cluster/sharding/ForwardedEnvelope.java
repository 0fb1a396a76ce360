package io.casty.cluster.sharding;

import io.casty.sharding.ShardEnvelope;

/**
 * Internal: an envelope a region passed on to the shard's owner as of {@code epoch}; a region
 * with an older view waits for that epoch instead of passing it back. Public only to be
 * registered on the wire with the membership's messages.
 */
public record ForwardedEnvelope(ShardEnvelope<?> envelope, long epoch) {
}
