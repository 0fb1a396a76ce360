package io.casty.sample.loyalty;

import static org.assertj.core.api.Assertions.assertThat;

import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.casty.actor.ActorRef;
import io.casty.actor.ActorSystem;
import io.casty.actor.Behaviors;
import io.casty.protocol.ProtocolMessages;
import io.casty.serialization.Serialization;
import io.casty.sharding.ShardEnvelope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LoyaltyMessagesTests {

	private final ActorSystem system = ActorSystem.create("loyalty-test");

	private final Serialization serialization = new Serialization(
			ProtocolMessages.registry().register(LoyaltyMessages.CLASSES).build(), this.system::resolve);

	@AfterEach
	void closeSystem() {
		this.system.close();
	}

	private Object roundTrip(Object message) {
		Output output = new Output(256, -1);
		this.serialization.write(output, message);
		return this.serialization.read(new Input(output.toBytes()));
	}

	@Test
	void classesListEveryLoyaltyCommand() {
		assertThat(LoyaltyMessages.CLASSES).contains(LoyaltyCommand.class.getPermittedSubclasses())
			.contains(PointsConfirmation.class, PointsConfirmation.Outcome.class);
	}

	@Test
	void everyCommandCrossesTheWireOnceItsClassesAreRegistered() {
		ActorRef<Integer> replyTo = this.system.spawn(Behaviors.<Integer>receiveMessage((total) -> Behaviors.same()),
				"reply-to");

		assertThat(roundTrip(new ShardEnvelope<>("user-1", new AddPoints(100))))
			.isEqualTo(new ShardEnvelope<>("user-1", new AddPoints(100)));
		assertThat(roundTrip(new GetPoints(replyTo))).isEqualTo(new GetPoints(replyTo));
		ActorRef<PointsConfirmation> confirmTo = this.system
			.spawn(Behaviors.<PointsConfirmation>receiveMessage((confirmation) -> Behaviors.same()), "confirm-to");
		assertThat(roundTrip(new AddPointsAndConfirm(5, "key-1", confirmTo)))
			.isEqualTo(new AddPointsAndConfirm(5, "key-1", confirmTo));
		assertThat(roundTrip(new PointsConfirmation(105, PointsConfirmation.Outcome.DUPLICATE)))
			.isEqualTo(new PointsConfirmation(105, PointsConfirmation.Outcome.DUPLICATE));
	}

}
