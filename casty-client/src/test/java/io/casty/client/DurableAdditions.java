package io.casty.client;

import static org.awaitility.Awaitility.await;

import io.casty.EntityFailedException;
import io.casty.client.TestEntities.DurableAdd;
import io.casty.client.TestEntities.DurableCommand;
import io.casty.client.TestEntities.DurableGet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Additions to {@link DurableCounter}s made as a careful client makes them, and the record that
 * checks the counters kept them: each addition adds 1 under an idempotency key of its own and is
 * sent again with that key after any failure (a timeout, a lost reply, an entity that failed or
 * was fenced: any of them may or may not have been applied) until it is acknowledged. An entity
 * has one addition in flight at a time, so every acknowledged total must equal the number of the
 * entity's additions acknowledged so far, and its final total the number acknowledged in all.
 */
final class DurableAdditions {

	/** The additions to one entity. Guarded by itself. */
	private static final class Entity {

		final String id;

		long made;

		/** The key of the addition not yet acknowledged, or null when there is none. */
		String pendingKey;

		boolean inFlight;

		/** When the attempt in flight was sent. */
		long inFlightSinceMicros;

		long acknowledged;

		/** When the latest attempt that was acknowledged had been sent. */
		long lastAcknowledgedSentMicros = -1;

		Entity(String id) {
			this.id = id;
		}
	}

	/**
	 * What the entities and the journal say once settled: additions acknowledged but missing from
	 * an entity's total or its events, additions counted more than once in either, and the
	 * entities where either disagrees with the additions acknowledged.
	 */
	record Check(long lost, long appliedTwice, List<String> wrongEntities) {
	}

	private final List<EntityRef<DurableCommand>> routes;

	private final Duration askTimeout;

	private final Map<String, Entity> entities = new LinkedHashMap<>();

	private final AtomicLong asks = new AtomicLong();

	private final AtomicLong retries = new AtomicLong();

	private final Map<String, Long> failureKinds = new ConcurrentHashMap<>();

	private final List<String> outOfStep = new CopyOnWriteArrayList<>();

	private final Map<String, Long> finalReadFailures = new ConcurrentHashMap<>();

	/** The entities whose total no client could read, with why. */
	private final Map<String, String> unread = new ConcurrentHashMap<>();

	private volatile boolean adding = true;

	/**
	 * @param routes the clients' refs to the durable counters; successive asks take turns, so a
	 *     retry may go through another client than the attempt before
	 */
	DurableAdditions(List<EntityRef<DurableCommand>> routes, List<String> entityIds, Duration askTimeout) {
		this.routes = List.copyOf(routes);
		this.askTimeout = askTimeout;
		entityIds.forEach(id -> entities.put(id, new Entity(id)));
	}

	/**
	 * For every entity without an ask in flight: sends its unacknowledged addition again, or else,
	 * until {@link #stopAdding()}, a new one. One batch of a {@link PacedLoad}.
	 */
	void sendNext() {
		entities.values().forEach(this::send);
	}

	private void send(Entity entity) {
		String key;
		long sentMicros;
		synchronized (entity) {
			if (entity.inFlight) {
				return;
			}
			if (entity.pendingKey == null) {
				if (!adding) {
					return;
				}
				entity.pendingKey = entity.id + "#" + (++entity.made);
			}
			else {
				retries.incrementAndGet();
			}
			entity.inFlight = true;
			entity.inFlightSinceMicros = NodeProcess.nowMicros();
			key = entity.pendingKey;
			sentMicros = entity.inFlightSinceMicros;
		}
		EntityRef<DurableCommand> route = routes.get((int) (asks.getAndIncrement() % routes.size()));
		CompletableFuture<Integer> reply;
		try {
			reply = route.ask(entity.id, replyTo -> new DurableAdd(key, 1, replyTo), askTimeout);
		}
		catch (RuntimeException notSent) {
			reply = CompletableFuture.failedFuture(notSent);
		}
		reply.whenComplete((total, failure) -> answered(entity, key, sentMicros, total, failure));
	}

	private void answered(Entity entity, String key, long sentMicros, Integer total, Throwable failure) {
		synchronized (entity) {
			entity.inFlight = false;
			if (failure != null) {
				// The key stays pending: the next batch sends it again.
				failureKinds.merge(kind(failure), 1L, Long::sum);
				return;
			}
			entity.acknowledged++;
			entity.pendingKey = null;
			entity.lastAcknowledgedSentMicros = Math.max(entity.lastAcknowledgedSentMicros, sentMicros);
			if (total != entity.acknowledged) {
				outOfStep.add(entity.id + ": " + key + " answered " + total + " after " + entity.acknowledged
						+ " acknowledged additions");
			}
		}
	}

	private static Throwable unwrap(Throwable failure) {
		return (failure instanceof CompletionException && failure.getCause() != null) ? failure.getCause() : failure;
	}

	private static String kind(Throwable failure) {
		Throwable cause = unwrap(failure);
		return cause.getClass().getSimpleName()
				+ ((cause instanceof EntityFailedException entityFailed) ? " " + entityFailed.reason() : "");
	}

	/** No new additions from now on; the unacknowledged ones are still retried. */
	void stopAdding() {
		adding = false;
	}

	/** Whether, after {@link #stopAdding()}, every addition was acknowledged. */
	boolean settled() {
		return !adding && entities.values().stream().allMatch(entity -> {
			synchronized (entity) {
				return entity.pendingKey == null && !entity.inFlight;
			}
		});
	}

	/** The entities that acknowledged an addition sent after {@code micros}. */
	Set<String> acknowledgedSentAfter(long micros) {
		return entities.values().stream().filter(entity -> {
			synchronized (entity) {
				return entity.lastAcknowledgedSentMicros > micros;
			}
		}).map(entity -> entity.id).collect(Collectors.toSet());
	}

	/** The entities with an addition in flight sent between {@code atMost} and {@code atLeast} ago. */
	Set<String> inFlightFor(Duration atLeast, Duration atMost) {
		long now = NodeProcess.nowMicros();
		return entities.values().stream().filter(entity -> {
			synchronized (entity) {
				long age = now - entity.inFlightSinceMicros;
				return entity.inFlight && age >= atLeast.toNanos() / 1000 && age <= atMost.toNanos() / 1000;
			}
		}).map(entity -> entity.id).collect(Collectors.toSet());
	}

	/** The entities that acknowledged at least {@code count} additions. */
	Set<String> acknowledgedAtLeast(long count) {
		return entities.values().stream().filter(entity -> {
			synchronized (entity) {
				return entity.acknowledged >= count;
			}
		}).map(entity -> entity.id).collect(Collectors.toSet());
	}

	long acknowledged() {
		return entities.values().stream().mapToLong(entity -> {
			synchronized (entity) {
				return entity.acknowledged;
			}
		}).sum();
	}

	/** Acknowledged totals that were not the number of additions acknowledged so far. */
	List<String> outOfStep() {
		return List.copyOf(outOfStep);
	}

	/**
	 * Every entity's total, each asked until one ask is answered (the entity may be moving or
	 * recovering), through the clients in turn; the reads that failed are counted by client and
	 * kind for {@link #summary()}. An entity no client could read in time is left out, and
	 * {@link #check} names it with its last failure.
	 *
	 * @param within for all the reads together; an entity read after that still gets two ask timeouts
	 */
	Map<String, Integer> totals(Duration within) {
		Map<String, Integer> totals = new TreeMap<>();
		long deadline = System.nanoTime() + within.toNanos();
		for (String id : entities.keySet()) {
			Duration left = Duration
				.ofNanos(Math.max(deadline - System.nanoTime(), askTimeout.multipliedBy(2).toNanos()));
			AtomicLong reads = new AtomicLong();
			AtomicReference<String> lastFailure = new AtomicReference<>();
			try {
				totals.put(id, await().atMost(left).until(() -> {
					int client = (int) (reads.getAndIncrement() % routes.size());
					try {
						return routes.get(client).<Integer>ask(id, DurableGet::new, askTimeout).join();
					}
					catch (RuntimeException failed) {
						String kind = "client " + (client + 1) + ": " + kind(failed);
						finalReadFailures.merge(kind, 1L, Long::sum);
						lastFailure.set(kind + " (" + unwrap(failed).getMessage() + ")");
						return null;
					}
				}, Objects::nonNull));
			}
			catch (ConditionTimeoutException unanswered) {
				unread.put(id, reads.get() + " reads within " + left.toSeconds() + " s failed, the last: "
						+ lastFailure.get());
			}
		}
		return totals;
	}

	/**
	 * Compares, per entity, the additions acknowledged with its total (what the running
	 * incarnation answers) and with its events in the journal (what the next one will recover: a
	 * stale incarnation's write the running one never saw shows only there). Each addition adds 1
	 * and is one event, so all three must be equal. Call once {@link #settled()}.
	 *
	 * @param totals each entity's total, from {@link #totals}
	 * @param events each entity's events in the journal, by entity id
	 */
	Check check(Map<String, Integer> totals, Map<String, Long> events) {
		long lost = 0;
		long twice = 0;
		List<String> wrong = new ArrayList<>();
		for (Entity entity : entities.values()) {
			long acknowledged;
			synchronized (entity) {
				acknowledged = entity.acknowledged;
			}
			if (!totals.containsKey(entity.id)) {
				wrong.add(entity.id + ": total not read, " + unread.get(entity.id));
				continue;
			}
			long total = totals.get(entity.id);
			long written = events.getOrDefault(entity.id, 0L);
			lost += Math.max(0, acknowledged - Math.min(total, written));
			twice += Math.max(0, Math.max(total, written) - acknowledged);
			if (total != acknowledged || written != acknowledged) {
				wrong.add(entity.id + ": total " + total + ", " + written + " events in the journal, " + acknowledged
						+ " additions acknowledged");
			}
		}
		return new Check(lost, twice, wrong);
	}

	/** Asks, retries and failures, for a report. */
	String summary() {
		return "durable additions acknowledged: " + acknowledged() + " over " + entities.size() + " entities\n"
				+ "durable asks sent: " + asks.get() + " (" + retries.get() + " retries of an unacknowledged addition)\n"
				+ "durable asks failed, by kind: " + new TreeMap<>(failureKinds) + "\n"
				+ "acknowledged totals out of step with the additions acknowledged: " + outOfStep.size() + "\n"
				+ "final reads of the totals failed, by client and kind: " + new TreeMap<>(finalReadFailures) + "\n";
	}
}
