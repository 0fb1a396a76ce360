package io.casty.benchmarks.load.hazelcast;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.casty.benchmarks.points.EntityIds;
import io.casty.benchmarks.load.Target;
import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * Drives the accounts through a Hazelcast client: asks and tells are {@code submitToKey} with
 * an {@link AddPoints} processor (a tell ignores its reply: Hazelcast has no one-way entry
 * processor call), totals are {@code getAsync}.
 */
final class HazelcastTarget implements Target {

	private static final AddPoints ADD_AND_GET = new AddPoints(1, true);

	private static final AddPoints ADD = new AddPoints(1, false);

	private final HazelcastInstance client;

	private final IMap<String, Integer> accounts;

	private final String[] ids;

	HazelcastTarget(HazelcastInstance client, int entities) {
		this.client = client;
		this.accounts = client.getMap(HazelcastSystem.MAP);
		this.ids = EntityIds.of(entities);
	}

	@Override
	public CompletionStage<Integer> addAndGet(int entity) {
		return accounts.submitToKey(ids[entity], ADD_AND_GET);
	}

	@Override
	public void add(int entity) {
		accounts.submitToKey(ids[entity], ADD);
	}

	@Override
	public CompletionStage<Integer> total(int entity, Duration timeout) {
		// An account nobody added to yet has no entry. No timeout of its own: the caller waits
		// as long as it wants, and Hazelcast's invocation timeout is longer than any run.
		return accounts.getAsync(ids[entity]).thenApply(total -> total == null ? 0 : total);
	}

	@Override
	public void close() {
		client.shutdown();
	}
}
