package io.casty.spring.autoconfigure;

import io.casty.client.ClusterClient;
import io.casty.client.EntityRef;

/**
 * The factory method behind the {@link EntityRef} beans that {@link EntityRefBeanRegistrar}
 * defines.
 */
final class EntityRefFactory {

	private EntityRefFactory() {
	}

	static EntityRef<?> entityRef(ClusterClient client, String shardType, int numShards) {
		return client.entityRef(shardType, numShards);
	}

}
