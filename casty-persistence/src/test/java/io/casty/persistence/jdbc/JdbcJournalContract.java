package io.casty.persistence.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.casty.persistence.journal.JournalFencedException;
import io.casty.persistence.journal.JournalListener;
import io.casty.persistence.journal.RecoveryData;
import io.casty.persistence.journal.RecoveryData.StoredEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every JDBC journal database must do; one subclass per real database. */
abstract class JdbcJournalContract {

	private final List<Integer> batchSizes = new CopyOnWriteArrayList<>();

	private final AtomicInteger fenced = new AtomicInteger();

	private HikariDataSource dataSource;

	private JdbcJournal journal;

	abstract HikariDataSource openDatabase() throws Exception;

	@BeforeEach
	void openJournal() throws Exception {
		dataSource = openDatabase();
		journal = JdbcJournal.builder(dataSource).listener(new JournalListener() {
			@Override
			public void batchCommitted(int appends, int events, Duration took) {
				batchSizes.add(appends);
			}

			@Override
			public void fenced(String persistenceId, long seqNr) {
				fenced.incrementAndGet();
			}
		}).build();
	}

	@AfterEach
	void closeJournal() {
		// Both are null when the database is missing and the test was skipped.
		if (journal != null) {
			journal.close();
		}
		if (dataSource != null) {
			dataSource.close();
		}
	}

	@Test
	void recoversEveryAppendedEventInOrder() {
		journal.append("counter|a", 1, List.of(bytes("one"), bytes("two"))).join();
		journal.append("counter|a", 3, List.of(bytes("three"))).join();
		journal.append("counter|b", 1, List.of(bytes("other"))).join();

		RecoveryData data = journal.recover("counter|a").join();

		assertThat(data.snapshot()).isEmpty();
		assertThat(data.events()).extracting(StoredEvent::seqNr).containsExactly(1L, 2L, 3L);
		assertThat(data.events()).extracting((event) -> text(event.payload())).containsExactly("one", "two", "three");
		assertThat(data.highestSeqNr()).isEqualTo(3);
		assertThat(journal.recover("counter|never").join().highestSeqNr()).isZero();
	}

	@Test
	void anAppendAtATakenSequenceNumberIsFencedAndWritesNoneOfItsEvents() {
		journal.append("counter|a", 1, List.of(bytes("one"), bytes("two"))).join();

		assertThatThrownBy(() -> journal.append("counter|a", 2, List.of(bytes("stale two"), bytes("stale three"))).join())
			.isInstanceOf(CompletionException.class)
			.cause()
			.isInstanceOf(JournalFencedException.class)
			.hasMessageContaining("Sequence number 2 of 'counter|a' is already written");

		assertThat(journal.recover("counter|a").join().events()).extracting((event) -> text(event.payload()))
			.containsExactly("one", "two");
		assertThat(fenced).hasValue(1);
	}

	@Test
	void appendsArrivingTogetherShareACommitAndAFencedOneFailsAlone() {
		journal.append("counter|taken", 1, List.of(bytes("first"))).join();
		List<CompletableFuture<Void>> appends = new ArrayList<>();
		for (int i = 0; i < 400; i++) {
			appends.add(journal.append("counter|" + i, 1, List.of(bytes("event " + i))));
			if (i == 200) {
				appends.add(journal.append("counter|taken", 1, List.of(bytes("stale"))));
			}
		}

		CompletableFuture.allOf(appends.toArray(CompletableFuture[]::new)).exceptionally((failure) -> null).join();

		assertThat(appends).filteredOn(CompletableFuture::isCompletedExceptionally).hasSize(1);
		assertThatThrownBy(() -> appends.get(201).join()).cause().isInstanceOf(JournalFencedException.class);
		assertThat(batchSizes).as("appends per commit").anyMatch((size) -> size > 1);
		for (int i = 0; i < 400; i += 57) {
			assertThat(journal.recover("counter|" + i).join().events()).extracting((event) -> text(event.payload()))
				.containsExactly("event " + i);
		}
		assertThat(journal.recover("counter|taken").join().events()).extracting((event) -> text(event.payload()))
			.containsExactly("first");
	}

	@Test
	void recoveryStartsFromTheLatestSnapshotAndReadsOnlyTheEventsAfterIt() {
		journal.append("counter|a", 1, List.of(bytes("1"), bytes("2"), bytes("3"), bytes("4"), bytes("5"))).join();
		journal.saveSnapshot("counter|a", 2, bytes("state at 2")).join();
		journal.saveSnapshot("counter|a", 4, bytes("state at 4")).join();

		RecoveryData data = journal.recover("counter|a").join();

		assertThat(data.snapshot()).hasValueSatisfying((snapshot) -> {
			assertThat(snapshot.seqNr()).isEqualTo(4);
			assertThat(text(snapshot.payload())).isEqualTo("state at 4");
		});
		assertThat(data.events()).extracting(StoredEvent::seqNr).containsExactly(5L);
		assertThat(data.highestSeqNr()).isEqualTo(5);
	}

	@Test
	void reportsHealthyWhileTheDatabaseAnswers() {
		journal.append("counter|a", 1, List.of(bytes("one"))).join();

		assertThat(journal.health().up()).isTrue();
		assertThat(journal.health().store()).isNotBlank();
	}

	JdbcJournal journal() {
		return journal;
	}

	static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	static String text(byte[] bytes) {
		return new String(bytes, StandardCharsets.UTF_8);
	}
}
