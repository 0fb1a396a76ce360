package io.casty.benchmarks.load.casty;

import io.casty.benchmarks.points.EntityIds;
import io.casty.benchmarks.load.Target;
import io.casty.benchmarks.points.PointsAccount;
import io.casty.benchmarks.points.PointsAccount.AddAndGet;
import io.casty.benchmarks.points.PointsAccount.AddPoints;
import io.casty.benchmarks.points.PointsAccount.Command;
import io.casty.benchmarks.points.PointsAccount.GetPoints;
import io.casty.client.ClusterClient;
import io.casty.client.EntityRef;
import java.time.Duration;
import java.util.concurrent.CompletionStage;

/** Drives {@link PointsAccount} entities through a {@link ClusterClient}'s {@link EntityRef}. */
final class CastyTarget implements Target {

	private static final AddPoints ONE_POINT = new AddPoints(1);

	private final ClusterClient client;

	private final EntityRef<Command> accounts;

	private final String[] ids;

	CastyTarget(ClusterClient client, int entities, int numShards) {
		this.client = client;
		this.accounts = client.entityRef(PointsAccount.SHARD_TYPE, numShards);
		this.ids = EntityIds.of(entities);
	}

	@Override
	public CompletionStage<Integer> addAndGet(int entity) {
		return accounts.<Integer>ask(ids[entity], replyTo -> new AddAndGet(1, replyTo));
	}

	@Override
	public void add(int entity) {
		accounts.tell(ids[entity], ONE_POINT);
	}

	@Override
	public CompletionStage<Integer> total(int entity, Duration timeout) {
		return accounts.<Integer>ask(ids[entity], GetPoints::new, timeout);
	}

	@Override
	public void close() {
		client.close();
	}
}
