package io.casty.sample.loyalty.api;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * {@link LoyaltyAccounts} for controller tests: records every addition and answers every
 * question with what the test sets up.
 */
class StubLoyaltyAccounts implements LoyaltyAccounts {

	/** One call to {@link #addPoints}. */
	record Addition(String userId, int amount) {
	}

	private final List<Addition> additions = new CopyOnWriteArrayList<>();

	private volatile RuntimeException additionFailure;

	private volatile Function<String, CompletableFuture<Integer>> points;

	StubLoyaltyAccounts() {
		reset();
	}

	@Override
	public void addPoints(String userId, int amount) {
		RuntimeException failure = this.additionFailure;
		if (failure != null) {
			throw failure;
		}
		this.additions.add(new Addition(userId, amount));
	}

	@Override
	public CompletableFuture<Integer> points(String userId) {
		return this.points.apply(userId);
	}

	/** Forgets the additions and answers every question with zero points. */
	void reset() {
		this.additions.clear();
		this.additionFailure = null;
		answerPoints(0);
	}

	List<Addition> additions() {
		return this.additions;
	}

	void failAdditionsWith(RuntimeException failure) {
		this.additionFailure = failure;
	}

	void answerPoints(int total) {
		this.points = (userId) -> CompletableFuture.completedFuture(total);
	}

	void failPointsWith(Throwable failure) {
		this.points = (userId) -> CompletableFuture.failedFuture(failure);
	}

}
