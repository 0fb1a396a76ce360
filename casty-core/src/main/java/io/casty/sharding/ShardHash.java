package io.casty.sharding;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;

/**
 * Which shard an entity belongs to: the MD5 digest of the entity id's UTF-8 bytes, its first
 * four bytes read as an unsigned big-endian integer, modulo the number of shards. This is the
 * original Casty's function, so clients and nodes of any version agree on it.
 */
public final class ShardHash {

	private static final ThreadLocal<MessageDigest> MD5 = ThreadLocal.withInitial(ShardHash::newMd5);

	private ShardHash() {
	}

	/**
	 * @param entityId the entity's id
	 * @param numShards the number of shards of the entity type; positive
	 * @return the shard, from {@code 0} to {@code numShards - 1}
	 */
	public static int shardOf(String entityId, int numShards) {
		Objects.requireNonNull(entityId, "entityId");
		if (numShards <= 0) {
			throw new IllegalArgumentException("numShards : " + numShards + " (expected: > 0)");
		}
		byte[] digest = MD5.get().digest(entityId.getBytes(StandardCharsets.UTF_8));
		long firstFour = ((digest[0] & 0xFFL) << 24) | ((digest[1] & 0xFFL) << 16) | ((digest[2] & 0xFFL) << 8)
				| (digest[3] & 0xFFL);
		return (int) (firstFour % numShards);
	}

	private static MessageDigest newMd5() {
		try {
			return MessageDigest.getInstance("MD5");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("MD5 is required of every JVM", ex);
		}
	}
}
