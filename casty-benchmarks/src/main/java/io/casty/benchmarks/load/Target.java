package io.casty.benchmarks.load;

import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * One system's client, as the workloads drive it: entities are numbered {@code 0} to
 * {@code entities - 1}, each an account whose total starts at zero. Every method may be called
 * from any thread, including the threads that complete the returned stages.
 */
public interface Target extends AutoCloseable {

	/** Asks the entity to add one point; completes with its new total. */
	CompletionStage<Integer> addAndGet(int entity);

	/** Tells the entity to add one point, without waiting for anything. */
	void add(int entity);

	/**
	 * Asks the entity for its total, waiting up to {@code timeout}: after a burst of tells the
	 * question queues behind all of them.
	 */
	CompletionStage<Integer> total(int entity, Duration timeout);

	/** Closes the client (not the system it reaches). */
	@Override
	void close();
}
