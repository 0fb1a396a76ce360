package io.casty.client;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The future an ask returns. The client completes it on whichever thread ended the ask (usually
 * the network thread the reply arrived on), so a caller blocked in {@code get()} or
 * {@code join()} wakes up directly, without a hand-off through another thread. Callbacks must
 * never run on that network thread, though (a slow or blocking callback would stall every reply
 * behind it): every stage added here runs on the client's executor, as its {@code …Async}
 * twin would, and so do the stages added to those.
 *
 * <p>With {@link ClusterClient.Builder#askBusyWait askBusyWait} on, a caller of {@code get()} or
 * {@code join()} spins for the reply a little before it blocks (see {@link BusyWait}).
 */
final class ReplyFuture<T> extends CompletableFuture<T> {

	private final Executor executor;

	private final BusyWait busyWait;

	ReplyFuture(Executor executor, BusyWait busyWait) {
		this.executor = executor;
		this.busyWait = busyWait;
	}

	@Override
	public T get() throws InterruptedException, ExecutionException {
		busyWait.spinBriefly(this, Long.MAX_VALUE);
		return super.get();
	}

	@Override
	public T get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
		long limit = unit.toNanos(timeout);
		long start = System.nanoTime();
		busyWait.spinBriefly(this, limit);
		return super.get(limit - (System.nanoTime() - start), TimeUnit.NANOSECONDS);
	}

	@Override
	public T join() {
		busyWait.spinBriefly(this, Long.MAX_VALUE);
		return super.join();
	}

	@Override
	public Executor defaultExecutor() {
		return executor;
	}

	@Override
	public <U> CompletableFuture<U> newIncompleteFuture() {
		return new ReplyFuture<>(executor, busyWait);
	}

	@Override
	public <U> CompletableFuture<U> thenApply(Function<? super T, ? extends U> fn) {
		return thenApplyAsync(fn);
	}

	@Override
	public CompletableFuture<Void> thenAccept(Consumer<? super T> action) {
		return thenAcceptAsync(action);
	}

	@Override
	public CompletableFuture<Void> thenRun(Runnable action) {
		return thenRunAsync(action);
	}

	@Override
	public <U, V> CompletableFuture<V> thenCombine(CompletionStage<? extends U> other,
			BiFunction<? super T, ? super U, ? extends V> fn) {
		return thenCombineAsync(other, fn);
	}

	@Override
	public <U> CompletableFuture<Void> thenAcceptBoth(CompletionStage<? extends U> other,
			BiConsumer<? super T, ? super U> action) {
		return thenAcceptBothAsync(other, action);
	}

	@Override
	public CompletableFuture<Void> runAfterBoth(CompletionStage<?> other, Runnable action) {
		return runAfterBothAsync(other, action);
	}

	@Override
	public <U> CompletableFuture<U> applyToEither(CompletionStage<? extends T> other, Function<? super T, U> fn) {
		return applyToEitherAsync(other, fn);
	}

	@Override
	public CompletableFuture<Void> acceptEither(CompletionStage<? extends T> other, Consumer<? super T> action) {
		return acceptEitherAsync(other, action);
	}

	@Override
	public CompletableFuture<Void> runAfterEither(CompletionStage<?> other, Runnable action) {
		return runAfterEitherAsync(other, action);
	}

	@Override
	public <U> CompletableFuture<U> thenCompose(Function<? super T, ? extends CompletionStage<U>> fn) {
		return thenComposeAsync(fn);
	}

	@Override
	public CompletableFuture<T> whenComplete(BiConsumer<? super T, ? super Throwable> action) {
		return whenCompleteAsync(action);
	}

	@Override
	public <U> CompletableFuture<U> handle(BiFunction<? super T, Throwable, ? extends U> fn) {
		return handleAsync(fn);
	}

	@Override
	public CompletableFuture<T> exceptionally(Function<Throwable, ? extends T> fn) {
		return exceptionallyAsync(fn);
	}

	@Override
	public CompletableFuture<T> exceptionallyCompose(Function<Throwable, ? extends CompletionStage<T>> fn) {
		return exceptionallyComposeAsync(fn);
	}
}
