package io.casty.persistence;

import static io.casty.persistence.Asks.ask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.casty.EntityFailedException;
import io.casty.EntityFailedException.Reason;
import io.casty.actor.ActorRef;
import io.casty.actor.ActorSystem;
import io.casty.persistence.jdbc.JdbcJournal;
import io.casty.protocol.ProtocolMessages;
import io.casty.serialization.MessageRegistry;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How an event type may evolve while its old events stay in the journal (docs/persistence.md,
 * "Evolving events"): a renamed type is read under its former name; a new field is a new event type,
 * handled beside the old one; changing a stored type's shape in place is refused at recovery,
 * never misread.
 */
class EventEvolutionTest {

	/** Version 1 of the account's only command: add and answer the new total. */
	record Add(int amount, ActorRef<Integer> replyTo) {
	}

	/** Version 1's event. */
	record Added(int amount) {
	}

	/** {@link Added} after a rename: the same components. */
	record Credited(int amount) {
	}

	/** Version 2's event: a field more. Written from version 2 on; {@link Added} is still read. */
	record AddedWithReason(int amount, String reason) {
	}

	@TempDir
	Path directory;

	private HikariDataSource dataSource;

	private JdbcJournal journal;

	private final ActorSystem system = ActorSystem.create("evolution-test");

	private int incarnations;

	@BeforeEach
	void open() {
		dataSource = TestDatabases.h2(directory);
		journal = JdbcJournal.builder(dataSource).build();
	}

	@AfterEach
	void close() {
		system.close();
		journal.close();
		dataSource.close();
	}

	/** An entity of one version: what it writes for an Add, and how it reads each event type. */
	private static final class Account implements EventSourcedEntity<Add, Object, Integer> {

		private final java.util.function.IntFunction<Object> eventOf;

		Account(java.util.function.IntFunction<Object> eventOf) {
			this.eventOf = eventOf;
		}

		@Override
		public Integer emptyState() {
			return 0;
		}

		@Override
		public Effect<Object, Integer> onCommand(Integer total, Add add) {
			return Effect.<Object, Integer>persist(eventOf.apply(add.amount())).thenReply(add.replyTo(), (state) -> state);
		}

		@Override
		public Integer onEvent(Integer total, Object event) {
			if (event instanceof Added added) {
				return total + added.amount();
			}
			if (event instanceof Credited credited) {
				return total + credited.amount();
			}
			return total + ((AddedWithReason) event).amount();
		}

		@Override
		public ActorRef<?> replyTo(Add add) {
			return add.replyTo();
		}
	}

	private int add(MessageRegistry registry, Account version, int amount) {
		Persistence persistence = Persistence.builder(journal, registry).snapshotEvery(0).build();
		ActorRef<Add> account = system.spawn(persistence.behavior("account|a", version), "a-" + (++incarnations));
		return ask(system, account, (ActorRef<Integer> replyTo) -> new Add(amount, replyTo)).join();
	}

	@Test
	void aRenamedEventTypeReadsTheEventsWrittenUnderItsFormerName() {
		add(ProtocolMessages.registry().register(Added.class).build(), new Account(Added::new), 10);

		MessageRegistry renamed = ProtocolMessages.registry()
			.register(Credited.class)
			.registerFormerName(Added.class.getName(), Credited.class)
			.build();

		assertThat(add(renamed, new Account(Credited::new), 5)).isEqualTo(15);
		assertThat(add(renamed, new Account(Credited::new), 1)).isEqualTo(16);
	}

	@Test
	void aNewFieldIsANewEventTypeReadBesideTheOldOne() {
		add(ProtocolMessages.registry().register(Added.class).build(), new Account(Added::new), 10);

		MessageRegistry version2 = ProtocolMessages.registry().register(Added.class, AddedWithReason.class).build();

		assertThat(add(version2, new Account((amount) -> new AddedWithReason(amount, "welcome bonus")), 5)).isEqualTo(15);
		assertThat(add(version2, new Account((amount) -> new AddedWithReason(amount, "order")), 1)).isEqualTo(16);
	}

	@Test
	void anEventTypeWhoseShapeChangedInPlaceIsRefusedAtRecoveryNotMisread() {
		add(ProtocolMessages.registry().register(Added.class).build(), new Account(Added::new), 10);

		// As if Added had gained a component in place: its old bytes read as the new shape.
		MessageRegistry changedInPlace = ProtocolMessages.registry()
			.register(AddedWithReason.class)
			.registerFormerName(Added.class.getName(), AddedWithReason.class)
			.build();

		assertThatThrownBy(() -> add(changedInPlace, new Account((amount) -> new AddedWithReason(amount, "x")), 5))
			.cause()
			.isInstanceOfSatisfying(EntityFailedException.class, (failure) -> {
				assertThat(failure.reason()).isEqualTo(Reason.RECOVERY_FAILED);
				assertThat(failure).hasMessageContaining("event at sequence number 1 of 'account|a'");
			});
	}
}
