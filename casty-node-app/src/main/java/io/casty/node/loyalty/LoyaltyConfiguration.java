package io.casty.node.loyalty;

import io.casty.cluster.EntityType;
import io.casty.persistence.Persistence;
import io.casty.sample.loyalty.LoyaltyCommand;
import io.casty.sample.loyalty.LoyaltyMessages;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Hosts the loyalty accounts on this node, event-sourced in the node's journal: every
 * {@link EntityType} bean becomes a shard region. The message, event and state classes are in
 * {@code casty.node.message-classes}.
 */
@Configuration(proxyBeanMethods = false)
class LoyaltyConfiguration {

	@Bean
	EntityType<LoyaltyCommand> loyaltyEntityType(Persistence persistence) {
		return persistence.entityType(LoyaltyMessages.SHARD_TYPE, LoyaltyMessages.NUM_SHARDS, LoyaltyAccount::new);
	}

}
