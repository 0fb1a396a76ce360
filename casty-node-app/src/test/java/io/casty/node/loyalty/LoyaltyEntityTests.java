package io.casty.node.loyalty;

import static org.assertj.core.api.Assertions.assertThat;

import io.casty.actor.ActorRef;
import io.casty.actor.ActorSystem;
import io.casty.actor.TemporaryRef;
import io.casty.sample.loyalty.AddPoints;
import io.casty.sample.loyalty.GetPoints;
import io.casty.sample.loyalty.LoyaltyCommand;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LoyaltyEntityTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	private final ActorSystem system = ActorSystem.create("loyalty-entity-test");

	@AfterEach
	void closeSystem() {
		this.system.close();
	}

	private int pointsOf(ActorRef<LoyaltyCommand> account) {
		CompletableFuture<Integer> reply = new CompletableFuture<>();
		TemporaryRef<Integer> replyTo = this.system.temporaryRef(reply::complete);
		try {
			account.tell(new GetPoints(replyTo));
			return reply.orTimeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).join();
		}
		finally {
			replyTo.release();
		}
	}

	@Test
	void newAccountHasNoPoints() {
		ActorRef<LoyaltyCommand> account = this.system.spawn(LoyaltyEntity.create("user-1"), "user-1");

		assertThat(pointsOf(account)).isZero();
	}

	@Test
	void accountAnswersTheSumOfThePointsAddedBeforeTheQuestion() {
		ActorRef<LoyaltyCommand> account = this.system.spawn(LoyaltyEntity.create("user-1"), "user-1");

		account.tell(new AddPoints(100));
		account.tell(new AddPoints(50));

		assertThat(pointsOf(account)).isEqualTo(150);
	}

	@Test
	void additionThatWouldOverflowTheTotalIsRefusedAndTheTotalKept() {
		ActorRef<LoyaltyCommand> account = this.system.spawn(LoyaltyEntity.create("user-1"), "user-1");

		account.tell(new AddPoints(Integer.MAX_VALUE - 1));
		account.tell(new AddPoints(2));

		assertThat(pointsOf(account)).isEqualTo(Integer.MAX_VALUE - 1);
	}

}
