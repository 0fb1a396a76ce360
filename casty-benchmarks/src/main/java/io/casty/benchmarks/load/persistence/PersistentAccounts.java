package io.casty.benchmarks.load.persistence;

import io.casty.actor.ActorRef;
import io.casty.actor.ActorSystem;
import io.casty.benchmarks.load.Target;
import io.casty.benchmarks.points.EntityIds;
import io.casty.benchmarks.points.PointsAccount.AddAndGet;
import io.casty.benchmarks.points.PointsAccount.AddPoints;
import io.casty.benchmarks.points.PointsAccount.Command;
import io.casty.benchmarks.points.PointsAccount.GetPoints;
import io.casty.persistence.Persistence;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * {@link PersistentAccount}s as the load generator's workloads drive them: one actor per account
 * on a plain {@link ActorSystem} in this JVM, asked in-process ({@link ActorSystem#ask}). No sharding
 * and no network, so what is measured is the entity and its journal.
 *
 * <p>Each account starts on its first command, as an entity of a shard region does, so that no
 * more of them recover at once than there are asks in flight. (Started all at once, 10,000
 * recoveries queue behind the journal's four reader threads, and on PostgreSQL the last ones
 * exceed their recovery timeout while they wait.)
 */
final class PersistentAccounts implements Target {

	/** The accounts' persistence ids are {@code points|entity-<n>}. */
	static final String PERSISTENCE_ID_PREFIX = "points|";

	private static final AddPoints ONE_POINT = new AddPoints(1);

	private final ActorSystem system = ActorSystem.create("persistence-benchmark");

	private final Persistence persistence;

	private final String[] ids;

	private final AtomicReferenceArray<ActorRef<Command>> accounts;

	private final Duration askTimeout;

	PersistentAccounts(Persistence persistence, int entities, Duration askTimeout) {
		this.persistence = persistence;
		this.ids = EntityIds.of(entities);
		this.accounts = new AtomicReferenceArray<>(entities);
		this.askTimeout = askTimeout;
	}

	private ActorRef<Command> account(int entity) {
		ActorRef<Command> account = accounts.get(entity);
		return (account != null) ? account : start(entity);
	}

	/** Spawns the account unless another caller just did: two actors may not share a name. */
	private synchronized ActorRef<Command> start(int entity) {
		ActorRef<Command> account = accounts.get(entity);
		if (account == null) {
			account = system.spawn(persistence.behavior(PERSISTENCE_ID_PREFIX + ids[entity], new PersistentAccount()),
					ids[entity]);
			accounts.set(entity, account);
		}
		return account;
	}

	@Override
	public CompletionStage<Integer> addAndGet(int entity) {
		return system.ask(account(entity), (ActorRef<Integer> replyTo) -> new AddAndGet(1, replyTo),
				askTimeout);
	}

	@Override
	public void add(int entity) {
		account(entity).tell(ONE_POINT);
	}

	@Override
	public CompletionStage<Integer> total(int entity, Duration timeout) {
		return system.ask(account(entity), GetPoints::new, timeout);
	}

	/** Stops the accounts and their actor system (not the journal). */
	@Override
	public void close() {
		system.close();
	}
}
