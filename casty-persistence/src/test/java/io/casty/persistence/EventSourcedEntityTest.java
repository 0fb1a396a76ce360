package io.casty.persistence;

import static io.casty.persistence.Asks.ask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import io.casty.EntityFailedException;
import io.casty.EntityFailedException.Reason;
import io.casty.actor.ActorRef;
import io.casty.actor.ActorSystem;
import io.casty.persistence.Counter.Add;
import io.casty.persistence.Counter.Added;
import io.casty.persistence.Counter.Command;
import io.casty.persistence.Counter.Get;
import io.casty.persistence.Counter.Tell;
import io.casty.persistence.jdbc.JdbcJournal;
import io.casty.persistence.journal.ForwardingJournal;
import io.casty.persistence.journal.Journal;
import io.casty.persistence.journal.JournalException;
import io.casty.persistence.journal.RecoveryData;
import io.casty.protocol.ProtocolMessages;
import io.casty.serialization.MessageRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Event-sourced entities on a real (H2 file) journal: durable before acknowledged, recovered on start. */
class EventSourcedEntityTest {

	private static final MessageRegistry REGISTRY = ProtocolMessages.registry().register(Added.class).build();

	@TempDir
	Path directory;

	private HikariDataSource dataSource;

	private JdbcJournal journal;

	private ActorSystem system;

	private final List<Integer> replayed = new CopyOnWriteArrayList<>();

	private int incarnations;

	@BeforeEach
	void start() {
		dataSource = TestDatabases.h2(directory);
		journal = JdbcJournal.builder(dataSource).build();
		system = ActorSystem.create("persistence-test");
	}

	@AfterEach
	void stop() {
		system.close();
		journal.close();
		dataSource.close();
	}

	private Persistence.Builder persistence(Journal journal) {
		return Persistence.builder(journal, REGISTRY).listener(new PersistenceListener() {
			@Override
			public void recovered(String persistenceId, Duration took, int eventsReplayed, boolean fromSnapshot) {
				replayed.add(eventsReplayed);
			}
		});
	}

	private ActorRef<Command> counter(Persistence persistence, String id) {
		return system.spawn(persistence.behavior("counter|" + id, new Counter()), id + "-" + (++incarnations));
	}

	@Test
	void answersOnlyOnceTheEventIsDurableAndANewIncarnationRecoversIt() {
		Persistence persistence = persistence(journal).build();
		ActorRef<Command> first = counter(persistence, "a");

		assertThat(ask(system, first, (ActorRef<Integer> replyTo) -> new Add(100, replyTo)).join()).isEqualTo(100);
		assertThat(journal.recover("counter|a").join().highestSeqNr()).as("written before the answer").isEqualTo(1);
		first.tell(new Tell(5));
		assertThat(ask(system, first, (ActorRef<Integer> replyTo) -> new Add(50, replyTo)).join()).isEqualTo(155);

		ActorRef<Command> second = counter(persistence, "a");
		assertThat(ask(system, second, Get::new).join()).isEqualTo(155);
		assertThat(replayed).last().isEqualTo(3);
	}

	@Test
	void commandsSentDuringRecoveryWaitAndAreHandledInOrder() {
		Persistence persistence = persistence(journal).build();
		ActorRef<Command> counter = counter(persistence, "a");
		List<CompletableFuture<Integer>> answers = new ArrayList<>();
		for (int i = 1; i <= 20; i++) {
			int amount = i;
			answers.add(ask(system, counter, (ActorRef<Integer> replyTo) -> new Add(amount, replyTo)));
		}

		List<Integer> totals = answers.stream().map(CompletableFuture::join).toList();

		List<Integer> expected = new ArrayList<>();
		for (int i = 1, total = 0; i <= 20; i++) {
			expected.add(total += i);
		}
		assertThat(totals).containsExactlyElementsOf(expected);
	}

	@Test
	void snapshotsBoundWhatARecoveryReplays() {
		Persistence persistence = persistence(journal).snapshotEvery(10).build();
		ActorRef<Command> first = counter(persistence, "a");
		for (int i = 0; i < 25; i++) {
			ask(system, first, (ActorRef<Integer> replyTo) -> new Add(1, replyTo)).join();
		}
		await().until(() -> journal.recover("counter|a").join().snapshot().map(RecoveryData.StoredSnapshot::seqNr),
				(snapshot) -> snapshot.equals(Optional.of(20L)));

		ActorRef<Command> second = counter(persistence, "a");

		assertThat(ask(system, second, Get::new).join()).isEqualTo(25);
		assertThat(replayed).last().isEqualTo(5);
	}

	@Test
	void aStaleIncarnationIsFencedAndStopsWithoutOverwriting() {
		Persistence persistence = persistence(journal).build();
		ActorRef<Command> stale = counter(persistence, "a");
		ActorRef<Command> current = counter(persistence, "a");
		assertThat(ask(system, stale, Get::new).join()).isZero();
		assertThat(ask(system, current, Get::new).join()).isZero();
		assertThat(ask(system, current, (ActorRef<Integer> replyTo) -> new Add(7, replyTo)).join()).isEqualTo(7);

		assertThatThrownBy(() -> ask(system, stale, (ActorRef<Integer> replyTo) -> new Add(1_000, replyTo)).join())
			.cause()
			.isInstanceOfSatisfying(EntityFailedException.class,
					(failure) -> assertThat(failure.reason()).isEqualTo(Reason.FENCED));

		assertThat(ask(system, counter(persistence, "a"), Get::new).join()).isEqualTo(7);
	}

	@Test
	void anEventThatCannotBeReadStopsRecoveryNamingTheEntityAndSequenceNumber() throws Exception {
		Persistence persistence = persistence(journal).build();
		ask(system, counter(persistence, "a"), (ActorRef<Integer> replyTo) -> new Add(1, replyTo)).join();
		ask(system, counter(persistence, "a"), (ActorRef<Integer> replyTo) -> new Add(1, replyTo)).join();
		corrupt("counter|a", 2, new byte[] { 1, 2, 3 });

		assertThatThrownBy(() -> ask(system, counter(persistence, "a"), Get::new).join()).cause()
			.isInstanceOfSatisfying(EntityFailedException.class, (failure) -> {
				assertThat(failure.reason()).isEqualTo(Reason.RECOVERY_FAILED);
				assertThat(failure).hasMessageContaining("sequence number 2 of 'counter|a'");
			});
	}

	@Test
	void anEventOfAClassOutsideTheAllowListIsRefusedAtRecovery() {
		Persistence persistence = persistence(journal).build();
		ask(system, counter(persistence, "a"), (ActorRef<Integer> replyTo) -> new Add(1, replyTo)).join();
		// The same journal read by a node that no longer allows the event's class (renamed without an alias).
		Persistence forgetful = Persistence.builder(journal, ProtocolMessages.registry().build()).build();

		assertThatThrownBy(() -> ask(system, counter(forgetful, "a"), Get::new).join()).cause()
			.isInstanceOfSatisfying(EntityFailedException.class, (failure) -> {
				assertThat(failure.reason()).isEqualTo(Reason.RECOVERY_FAILED);
				assertThat(failure).hasMessageContaining("event at sequence number 1 of 'counter|a'");
			});
	}

	@Test
	void aRecoveryThatTakesTooLongFailsTheWaitingAsksTyped() {
		CompletableFuture<RecoveryData> never = new CompletableFuture<>();
		Persistence persistence = persistence(new ForwardingJournal(journal) {
			@Override
			public CompletableFuture<RecoveryData> recover(String persistenceId) {
				return never;
			}
		}).recoveryTimeout(Duration.ofMillis(200)).build();

		assertThatThrownBy(() -> ask(system, counter(persistence, "a"), Get::new).join()).cause()
			.isInstanceOfSatisfying(EntityFailedException.class,
					(failure) -> assertThat(failure.reason()).isEqualTo(Reason.RECOVERY_TIMEOUT));
	}

	@Test
	void aFailedAppendFailsTheAskTypedAndTheEntityRecoversAfterBackoff() {
		Persistence persistence = persistence(failingFirstAppend()).backoff(Duration.ofMillis(50), Duration.ofMillis(50))
			.build();
		ActorRef<Command> counter = counter(persistence, "a");

		assertThatThrownBy(() -> ask(system, counter, (ActorRef<Integer> replyTo) -> new Add(10, replyTo)).join())
			.isInstanceOf(CompletionException.class)
			.cause()
			.isInstanceOfSatisfying(EntityFailedException.class, (failure) -> {
				assertThat(failure.reason()).isEqualTo(Reason.PERSIST_FAILED);
				assertThat(failure).hasMessageContaining("disk full");
			});

		await().untilAsserted(() -> assertThat(ask(system, counter, (ActorRef<Integer> replyTo) -> new Add(1, replyTo))
			.exceptionally((failure) -> -1)
			.join()).isEqualTo(1));
		assertThat(journal.recover("counter|a").join().events()).hasSize(1);
	}

	@Test
	void eachAppendIsObservedUntilTheJournalAnswersWithItsFailureIfAny() {
		List<Observation.Context> persists = new CopyOnWriteArrayList<>();
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(new ObservationHandler<>() {
			@Override
			public boolean supportsContext(Observation.Context context) {
				return true;
			}

			@Override
			public void onStop(Observation.Context context) {
				persists.add(context);
			}
		});
		Persistence persistence = persistence(failingFirstAppend()).backoff(Duration.ofMillis(50), Duration.ofMillis(50))
			.observationRegistry(registry)
			.build();
		ActorRef<Command> counter = counter(persistence, "a");

		assertThat(ask(system, counter, (ActorRef<Integer> replyTo) -> new Add(10, replyTo))
			.exceptionally((failure) -> -1)
			.join()).isEqualTo(-1);
		await().untilAsserted(() -> assertThat(ask(system, counter, (ActorRef<Integer> replyTo) -> new Add(1, replyTo))
			.exceptionally((failure) -> -1)
			.join()).isEqualTo(1));

		assertThat(persists).allSatisfy((context) -> {
			assertThat(context.getName()).isEqualTo("casty.entity.persist");
			assertThat(context.getHighCardinalityKeyValue("casty.persistence.id").getValue()).isEqualTo("counter|a");
			assertThat(context.getHighCardinalityKeyValue("casty.persistence.events").getValue()).isEqualTo("1");
		});
		assertThat(persists.get(0).getError()).isInstanceOf(JournalException.class).hasMessage("disk full");
		assertThat(persists.get(persists.size() - 1).getError()).isNull();
	}

	/** The test's journal, but its first append fails ("disk full"). */
	private Journal failingFirstAppend() {
		AtomicInteger failuresLeft = new AtomicInteger(1);
		return new ForwardingJournal(journal) {
			@Override
			public CompletableFuture<Void> append(String persistenceId, long firstSeqNr, List<byte[]> events) {
				if (failuresLeft.getAndDecrement() > 0) {
					return CompletableFuture.failedFuture(new JournalException("disk full"));
				}
				return super.append(persistenceId, firstSeqNr, events);
			}
		};
	}

	/** A journal whose recoveries fail while it is down, and that says whether its latest operation succeeded. */
	private final class FlakyJournal extends ForwardingJournal {

		final AtomicBoolean down = new AtomicBoolean(true);

		final AtomicInteger recoveries = new AtomicInteger();

		FlakyJournal() {
			super(journal);
		}

		@Override
		public CompletableFuture<RecoveryData> recover(String persistenceId) {
			recoveries.incrementAndGet();
			return down.get() ? CompletableFuture.failedFuture(new JournalException("connection refused"))
					: super.recover(persistenceId);
		}

		@Override
		public boolean lastOperationSucceeded() {
			return !down.get();
		}
	}

	@Test
	void aCommandDuringTheBackOffRecoversTheEntityAtOnceWhenTheJournalWorksAgain() {
		FlakyJournal flaky = new FlakyJournal();
		// A back-off far longer than the test waits: only an early recovery can answer in time.
		Persistence persistence = persistence(flaky).backoff(Duration.ofMinutes(1), Duration.ofMinutes(1)).build();
		ActorRef<Command> counter = counter(persistence, "a");
		assertThatThrownBy(() -> ask(system, counter, Get::new).join()).cause()
			.isInstanceOfSatisfying(EntityFailedException.class,
					(failure) -> assertThat(failure.reason()).isEqualTo(Reason.RECOVERY_FAILED));

		assertThatThrownBy(() -> ask(system, counter, Get::new).join()).as("the journal still fails")
			.cause()
			.isInstanceOf(EntityFailedException.class);
		assertThat(flaky.recoveries).as("no new try while the journal fails").hasValue(1);

		flaky.down.set(false);
		assertThat(ask(system, counter, (ActorRef<Integer> replyTo) -> new Add(5, replyTo)).join()).isEqualTo(5);
		assertThat(flaky.recoveries).hasValue(2);
	}

	@Test
	void anEntityWithAnUnreadableEventWaitsItsBackOffOutWhateverTheJournalSays() throws Exception {
		Persistence persistence = persistence(journal).build();
		ask(system, counter(persistence, "a"), (ActorRef<Integer> replyTo) -> new Add(1, replyTo)).join();
		corrupt("counter|a", 1, new byte[] { 1, 2, 3 });
		AtomicInteger recoveries = new AtomicInteger();
		Persistence counting = persistence(new ForwardingJournal(journal) {
			@Override
			public CompletableFuture<RecoveryData> recover(String persistenceId) {
				recoveries.incrementAndGet();
				return super.recover(persistenceId);
			}
		}).backoff(Duration.ofMinutes(1), Duration.ofMinutes(1)).build();
		ActorRef<Command> unreadable = counter(counting, "a");

		for (int i = 0; i < 3; i++) {
			assertThatThrownBy(() -> ask(system, unreadable, Get::new).join()).cause()
				.isInstanceOf(EntityFailedException.class);
		}
		assertThat(journal.lastOperationSucceeded()).isTrue();
		assertThat(recoveries).as("read once: reading it again would fail the same way").hasValue(1);
	}

	private void corrupt(String persistenceId, long seqNr, byte[] payload) throws Exception {
		try (Connection connection = dataSource.getConnection();
				PreparedStatement update = connection
					.prepareStatement("UPDATE casty_event_journal SET payload = ? WHERE persistence_id = ? AND seq_nr = ?")) {
			update.setBytes(1, payload);
			update.setString(2, persistenceId);
			update.setLong(3, seqNr);
			assertThat(update.executeUpdate()).isEqualTo(1);
		}
	}
}
