package io.casty.protocol;

/** Internal: the well-known actor paths every node serves; clients send to these. */
public final class ProtocolPaths {

	/** Topology subscriptions and shard location queries. */
	public static final String TOPOLOGY = "/system/topology";

	private static final String SHARDING = "/system/sharding/";

	private ProtocolPaths() {
	}

	/** The shard region of an entity type: it takes {@code ShardEnvelope}s for that type. */
	public static String shardRegion(String shardType) {
		return SHARDING + shardType;
	}
}
