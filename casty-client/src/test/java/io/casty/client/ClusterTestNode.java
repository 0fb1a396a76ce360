package io.casty.client;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.casty.actor.NodeAddress;
import io.casty.cluster.ClusteredActorSystem;
import io.casty.cluster.EntityType;
import io.casty.persistence.Persistence;
import io.casty.persistence.jdbc.H2ConnectionLoss;
import io.casty.persistence.jdbc.JdbcJournal;
import io.casty.persistence.journal.Journal;
import io.casty.persistence.journal.JournalListener;
import io.casty.protocol.ProtocolMessages;
import io.casty.topology.Member;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A cluster node for tests that run nodes as separate processes, with failure detection tuned
 * for quick tests. Hosts the test counter; prints {@code READY} once it is an up member, and
 * {@code EVENT START|STOP <entity> <node> <epoch-micros>} whenever an entity starts or stops, so
 * the test can check that no entity ever ran on two nodes at once. Leaves the cluster on SIGTERM.
 * With {@link #JOURNAL_URL} it also hosts the {@link DurableCounter}s on that journal, and prints
 * {@code EVENT FENCED <persistence-id> <node> <epoch-micros> <seq-nr>} for every append the
 * journal refused because another incarnation of the entity had written that sequence number.
 * It also prints its own view of the cluster whenever that changes, in the same shape:
 * {@code EVENT LEADER <leader-node-id|none> <node> <epoch-micros>},
 * {@code EVENT MEMBERS <node-id=STATUS[/unreachable],...> <node> <epoch-micros>} and
 * {@code EVENT HOSTING <true|false> <node> <epoch-micros>} (false while, without a majority, its
 * regions stopped their entities), so that a partition test can tell what each side believed.
 *
 * <p>Arguments: {@code <system> <host> <port> <node-id> <seed,seed,...>}.
 */
public final class ClusterTestNode {

	/**
	 * A passivation time for the nodes, in milliseconds, so the soak can stop and restart idle
	 * entities all the time while nodes are killed; nodes keep the default otherwise.
	 */
	static final String PASSIVATE_IDLE_AFTER_MS = "soak.passivate-idle-after-ms";

	/**
	 * When true, the node also prints {@code EVENT HANDLE <entity> <node> <epoch-micros> <sent-micros>}
	 * for every message ({@code -1} for messages that do not say when they were sent).
	 */
	static final String TRACE_HANDLING = "test.trace-handling";

	/**
	 * A JDBC URL: the node also hosts the durable counters, on a {@link JdbcJournal} there (for
	 * the tests, an H2 file that the test JVM opened first, so that it serves the node processes).
	 */
	static final String JOURNAL_URL = "test.journal-url";

	/**
	 * Milliseconds each append of the durable counters waits before it goes to the journal (see
	 * {@link DelayedJournal}); no wait unless set.
	 */
	static final String APPEND_DELAY_MS = "test.append-delay-ms";

	private ClusterTestNode() {
	}

	public static void main(String[] args) throws InterruptedException {
		String nodeId = args[3];
		boolean traceHandling = Boolean.getBoolean(TRACE_HANDLING);
		List<String> seeds = Arrays.asList(args[4].split(","));
		ClusteredActorSystem node = ClusteredActorSystem.builder(args[0])
			.host(args[1])
			.port(Integer.parseInt(args[2]))
			.nodeId(nodeId)
			.seedNodes(seeds)
			.registerMessages(TestEntities.MESSAGES)
			.gossipInterval(Duration.ofMillis(200))
			.heartbeatInterval(Duration.ofMillis(200))
			.acceptableHeartbeatPause(Duration.ofMillis(1000))
			.downAfter(Duration.ofMillis(1000))
			.topologyHeartbeatInterval(Duration.ofMillis(300))
			.passivateIdleAfter(passivateIdleAfter())
			.start();
		TestEntities.Lifecycle printer = new TestEntities.Lifecycle() {
			@Override
			public void started(String entityId, String where) {
				event("START", entityId, where, "");
			}

			@Override
			public void stopped(String entityId, String where) {
				event("STOP", entityId, where, "");
			}

			@Override
			public void handling(String entityId, String where, long sentMicros) {
				if (traceHandling) {
					event("HANDLE", entityId, where, " " + sentMicros);
				}
			}
		};
		node.shardRegion(EntityType.of(TestEntities.SHARD_TYPE, TestEntities.NUM_SHARDS,
				id -> TestEntities.trackedCounter(id, nodeId, printer)));
		String journalUrl = System.getProperty(JOURNAL_URL);
		if (journalUrl != null) {
			node.shardRegion(DurableCounter.entityType(persistence(journalUrl, nodeId), nodeId, printer));
		}
		printViewChanges(node, nodeId);
		node.awaitUp(Duration.ofSeconds(60));
		System.out.println("READY");
		System.out.flush();
		Thread.currentThread().join();
	}

	/** Prints the node's leader, members and hosting whenever one of them changes, checked every 20 ms. */
	private static void printViewChanges(ClusteredActorSystem node, String nodeId) {
		String[] last = { null, null, null };
		ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor(runnable -> {
			Thread thread = new Thread(runnable, nodeId + "-view-printer");
			thread.setDaemon(true);
			return thread;
		});
		watcher.scheduleWithFixedDelay(() -> node.topology().ifPresent(topology -> {
			Map<NodeAddress, String> names = topology.members()
				.stream()
				.collect(Collectors.toMap(Member::address, Member::nodeId, (first, second) -> first));
			String leader = topology.leaderAddress().map(address -> names.getOrDefault(address, address.hostPort()))
				.orElse("none");
			String members = topology.members()
				.stream()
				.map(member -> member.nodeId() + "=" + member.status()
						+ (topology.unreachable().contains(member.address()) ? "/unreachable" : ""))
				.collect(Collectors.joining(","));
			String hosting = Boolean.toString(node.hostsEntities());
			printIfChanged(last, 0, "LEADER", leader, nodeId);
			printIfChanged(last, 1, "MEMBERS", members, nodeId);
			printIfChanged(last, 2, "HOSTING", hosting, nodeId);
		}), 0, 20, TimeUnit.MILLISECONDS);
	}

	private static void printIfChanged(String[] last, int index, String kind, String value, String nodeId) {
		if (!value.equals(last[index])) {
			last[index] = value;
			event(kind, value, nodeId, "");
		}
	}

	private static Persistence persistence(String journalUrl, String nodeId) {
		HikariConfig pool = new HikariConfig();
		pool.setJdbcUrl(journalUrl);
		// One writer and the journal's four readers; fail fast while the database is away, as a node does.
		pool.setMaximumPoolSize(5);
		pool.setConnectionTimeout(2_000);
		pool.setExceptionOverride(new H2ConnectionLoss());
		Journal journal = JdbcJournal.builder(new HikariDataSource(pool)).listener(new JournalListener() {
			@Override
			public void fenced(String persistenceId, long seqNr) {
				event("FENCED", persistenceId, nodeId, " " + seqNr);
			}
		}).build();
		String delay = System.getProperty(APPEND_DELAY_MS);
		if (delay != null) {
			journal = new DelayedJournal(journal, Duration.ofMillis(Long.parseLong(delay)));
		}
		return Persistence
			.builder(journal,
					ProtocolMessages.registry().register(TestEntities.MESSAGES).register(DurableCounter.JOURNAL_CLASSES).build())
			.build();
	}

	private static Duration passivateIdleAfter() {
		String millis = System.getProperty(PASSIVATE_IDLE_AFTER_MS);
		return millis == null ? ClusteredActorSystem.Builder.DEFAULT_PASSIVATE_IDLE_AFTER
				: Duration.ofMillis(Long.parseLong(millis));
	}

	private static void event(String kind, String entityId, String nodeId, String more) {
		Instant now = Instant.now();
		System.out.println("EVENT " + kind + " " + entityId + " " + nodeId + " "
				+ ChronoUnit.MICROS.between(Instant.EPOCH, now) + more);
		System.out.flush();
	}
}
