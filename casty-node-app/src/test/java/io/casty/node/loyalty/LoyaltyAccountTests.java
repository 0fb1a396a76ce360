package io.casty.node.loyalty;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.casty.actor.ActorRef;
import io.casty.actor.ActorSystem;
import io.casty.persistence.Persistence;
import io.casty.persistence.jdbc.JdbcJournal;
import io.casty.persistence.jdbc.JournalSchema;
import io.casty.protocol.ProtocolMessages;
import io.casty.sample.loyalty.AddPoints;
import io.casty.sample.loyalty.AddPointsAndConfirm;
import io.casty.sample.loyalty.GetPoints;
import io.casty.sample.loyalty.LoyaltyCommand;
import io.casty.sample.loyalty.PointsConfirmation;
import io.casty.sample.loyalty.PointsConfirmation.Outcome;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The loyalty account on a real journal (H2 in a file, as the node's default). */
class LoyaltyAccountTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	@TempDir
	Path directory;

	private final ActorSystem system = ActorSystem.create("loyalty-account-test");

	private HikariDataSource dataSource;

	private JdbcJournal journal;

	private Persistence persistence;

	private int incarnations;

	@BeforeEach
	void openJournal() {
		this.dataSource = new HikariDataSource();
		this.dataSource.setJdbcUrl("jdbc:h2:file:" + this.directory.resolve("journal") + ";WRITE_DELAY=0");
		JournalSchema.migrate(this.dataSource);
		this.journal = JdbcJournal.builder(this.dataSource).build();
		this.persistence = Persistence.builder(this.journal, ProtocolMessages.registry()
			.register(PointsAdded.class, LoyaltyAccountState.class)
			.build()).snapshotEvery(3).build();
	}

	@AfterEach
	void close() {
		this.system.close();
		this.journal.close();
		this.dataSource.close();
	}

	/** A new incarnation of the user's account, as a node starts one after passivation or a move. */
	private ActorRef<LoyaltyCommand> account(String userId) {
		return this.system.spawn(this.persistence.behavior("loyalty|" + userId, new LoyaltyAccount(userId)),
				userId + "-" + (++this.incarnations));
	}

	private <R> R ask(ActorRef<LoyaltyCommand> account, Function<ActorRef<R>, LoyaltyCommand> question) {
		return this.system.ask(account, question, TIMEOUT).join();
	}

	private PointsConfirmation add(ActorRef<LoyaltyCommand> account, int amount, String key) {
		return ask(account, (ActorRef<PointsConfirmation> replyTo) -> new AddPointsAndConfirm(amount, key, replyTo));
	}

	private int pointsOf(ActorRef<LoyaltyCommand> account) {
		return ask(account, GetPoints::new);
	}

	@Test
	void aNewAccountHasNoPoints() {
		assertThat(pointsOf(account("user-1"))).isZero();
	}

	@Test
	void confirmsEachAdditionWithTheNewTotalAndKeepsItAcrossIncarnations() {
		ActorRef<LoyaltyCommand> account = account("user-1");

		assertThat(add(account, 100, null)).isEqualTo(new PointsConfirmation(100, Outcome.ADDED));
		account.tell(new AddPoints(25));
		assertThat(add(account, 50, "key-1")).isEqualTo(new PointsConfirmation(175, Outcome.ADDED));
		assertThat(add(account, 1, null)).isEqualTo(new PointsConfirmation(176, Outcome.ADDED));

		assertThat(pointsOf(account("user-1"))).isEqualTo(176);
		assertThat(pointsOf(account("user-2"))).isZero();
	}

	@Test
	void aRetryWithTheSameKeyAddsOnceAndAnswersTheFirstTotalAlsoAfterARestart() {
		ActorRef<LoyaltyCommand> account = account("user-1");
		add(account, 100, "order-7");
		add(account, 10, null);

		assertThat(add(account, 100, "order-7")).isEqualTo(new PointsConfirmation(100, Outcome.DUPLICATE));
		assertThat(add(account("user-1"), 100, "order-7")).isEqualTo(new PointsConfirmation(100, Outcome.DUPLICATE));
		assertThat(pointsOf(account("user-1"))).isEqualTo(110);
	}

	@Test
	void anAdditionThatWouldOverflowIsRefusedAndTheTotalKept() {
		ActorRef<LoyaltyCommand> account = account("user-1");
		add(account, Integer.MAX_VALUE - 1, null);

		assertThat(add(account, 2, "k")).isEqualTo(new PointsConfirmation(Integer.MAX_VALUE - 1, Outcome.REFUSED_OVERFLOW));
		assertThat(pointsOf(account("user-1"))).isEqualTo(Integer.MAX_VALUE - 1);
	}

	@Test
	void theAccountRemembersOnlyTheMostRecentKeys() {
		LoyaltyAccountState state = new LoyaltyAccountState();
		for (int i = 0; i < 5; i++) {
			state.apply(new PointsAdded(1, "key-" + i), 3);
		}

		assertThat(state.rememberedKeyCount()).isEqualTo(3);
		assertThat(state.totalAfter("key-1")).isEmpty();
		assertThat(state.totalAfter("key-4")).hasValue(5);
		assertThat(state.total()).isEqualTo(5);
	}

}
