package io.casty.node.loyalty;

import io.casty.cluster.EntityType;
import io.casty.sample.loyalty.LoyaltyCommand;
import io.casty.sample.loyalty.LoyaltyMessages;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Hosts the loyalty accounts on this node: every {@link EntityType} bean becomes a shard
 * region. Its message classes are in {@code casty.node.message-classes}.
 */
@Configuration(proxyBeanMethods = false)
class LoyaltyConfiguration {

	@Bean
	EntityType<LoyaltyCommand> loyaltyEntityType() {
		return EntityType.of(LoyaltyMessages.SHARD_TYPE, LoyaltyMessages.NUM_SHARDS, LoyaltyEntity::create);
	}

}
