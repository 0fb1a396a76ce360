package io.casty.sample.loyalty.api;

import io.casty.sample.loyalty.PointsConfirmation;
import io.casty.sample.loyalty.PointsConfirmation.Outcome;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * {@link LoyaltyAccounts} for controller tests: records every addition asked for and answers
 * additions and questions with what the test sets up.
 */
class StubLoyaltyAccounts implements LoyaltyAccounts {

	/** One call to {@link #addPoints}. */
	record Addition(String userId, int amount, String idempotencyKey) {
	}

	private final List<Addition> additions = new CopyOnWriteArrayList<>();

	private volatile Function<Addition, CompletableFuture<PointsConfirmation>> confirmations;

	private volatile Function<String, CompletableFuture<Integer>> points;

	StubLoyaltyAccounts() {
		reset();
	}

	@Override
	public CompletableFuture<PointsConfirmation> addPoints(String userId, int amount, String idempotencyKey) {
		Addition addition = new Addition(userId, amount, idempotencyKey);
		this.additions.add(addition);
		return this.confirmations.apply(addition);
	}

	@Override
	public CompletableFuture<Integer> points(String userId) {
		return this.points.apply(userId);
	}

	/**
	 * Forgets the additions, confirms each addition with its amount as the new total (as a new
	 * account would), and answers every question with zero points.
	 */
	void reset() {
		this.additions.clear();
		this.confirmations = (addition) -> CompletableFuture
			.completedFuture(new PointsConfirmation(addition.amount(), Outcome.ADDED));
		answerPoints(0);
	}

	/** Every addition the controller asked for, in order. */
	List<Addition> additions() {
		return this.additions;
	}

	void confirmAdditionsWith(PointsConfirmation confirmation) {
		this.confirmations = (addition) -> CompletableFuture.completedFuture(confirmation);
	}

	void failAdditionsWith(Throwable failure) {
		this.confirmations = (addition) -> CompletableFuture.failedFuture(failure);
	}

	void answerPoints(int total) {
		this.points = (userId) -> CompletableFuture.completedFuture(total);
	}

	void failPointsWith(Throwable failure) {
		this.points = (userId) -> CompletableFuture.failedFuture(failure);
	}

}
