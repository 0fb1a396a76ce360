package io.casty.client;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A client's entity refs, one per shard type: every request for a type gets the same ref, and a
 * type is used with one shard count only.
 */
final class EntityRefs {

	private final ClusterClient client;

	private final Map<String, EntityRef<?>> refs = new ConcurrentHashMap<>();

	EntityRefs(ClusterClient client) {
		this.client = client;
	}

	/** See {@link ClusterClient#entityRef(String, int)}. */
	@SuppressWarnings("unchecked")
	<M> EntityRef<M> get(String shardType, int numShards) {
		Objects.requireNonNull(shardType, "shardType");
		if (shardType.isBlank() || shardType.indexOf('/') >= 0) {
			throw new IllegalArgumentException("shardType : '" + shardType + "' (expected: non-blank, without '/')");
		}
		if (numShards <= 0) {
			throw new IllegalArgumentException("numShards of '" + shardType + "' : " + numShards + " (expected: > 0)");
		}
		EntityRef<?> ref = refs.computeIfAbsent(shardType, type -> new EntityRef<>(client, type, numShards));
		if (ref.numShards() != numShards) {
			throw new IllegalArgumentException("Shard type '" + shardType + "' is already used with " + ref.numShards()
					+ " shards; it cannot also have " + numShards);
		}
		return (EntityRef<M>) ref;
	}

	/** The shard types requested so far. */
	Set<String> shardTypes() {
		return refs.keySet();
	}
}
