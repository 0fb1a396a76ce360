package io.casty.spring.testing;

import io.casty.actor.ActorRef;
import io.casty.actor.Behavior;
import io.casty.actor.Behaviors;
import io.casty.client.EntityRef;
import java.util.List;
import org.springframework.beans.factory.BeanFactory;

/** Two entity types with different message types, hosted by {@link TestNode}. */
public final class TestEntities {

	public static final String LOYALTY = "loyalty";

	public static final int LOYALTY_SHARDS = 10;

	public static final String ORDERS = "orders";

	public static final int ORDERS_SHARDS = 4;

	public static final List<Class<?>> MESSAGES = List.of(AddPoints.class, GetPoints.class, PlaceOrder.class,
			CountOrders.class);

	public sealed interface LoyaltyCommand permits AddPoints, GetPoints {
	}

	public record AddPoints(int amount) implements LoyaltyCommand {
	}

	public record GetPoints(ActorRef<Integer> replyTo) implements LoyaltyCommand {
	}

	public sealed interface OrderCommand permits PlaceOrder, CountOrders {
	}

	public record PlaceOrder(String item) implements OrderCommand {
	}

	public record CountOrders(ActorRef<Integer> replyTo) implements OrderCommand {
	}

	private TestEntities() {
	}

	/** The {@code loyalty} EntityRef bean, typed as it is registered. */
	@SuppressWarnings("unchecked")
	public static EntityRef<LoyaltyCommand> loyaltyRef(BeanFactory beans) {
		return (EntityRef<LoyaltyCommand>) beans.getBean(LOYALTY, EntityRef.class);
	}

	public static Behavior<LoyaltyCommand> loyalty(int total) {
		return Behaviors.receiveMessage((command) -> {
			if (command instanceof AddPoints add) {
				return loyalty(total + add.amount());
			}
			((GetPoints) command).replyTo().tell(total);
			return Behaviors.same();
		});
	}

	static Behavior<OrderCommand> orders(int count) {
		return Behaviors.receiveMessage((command) -> {
			if (command instanceof PlaceOrder) {
				return orders(count + 1);
			}
			((CountOrders) command).replyTo().tell(count);
			return Behaviors.same();
		});
	}
}
