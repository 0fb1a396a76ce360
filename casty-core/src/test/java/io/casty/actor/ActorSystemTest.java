package io.casty.actor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.casty.EntityFailedException;
import io.casty.EntityFailedException.Reason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ActorSystemTest {

	private final ActorSystem system = ActorSystem.create("test");

	@AfterEach
	void close() {
		system.close();
	}

	sealed interface Counter {
	}

	record Add(int amount) implements Counter {
	}

	record Get(ActorRef<Integer> replyTo) implements Counter {
	}

	/** A counter that also checks nobody else is inside its handler at the same time. */
	static Behavior<Counter> counter(int total, AtomicInteger inside, List<String> violations) {
		return Behaviors.receiveMessage(message -> {
			if (inside.incrementAndGet() != 1) {
				violations.add("two threads in one actor");
			}
			try {
				if (message instanceof Add add) {
					return counter(total + add.amount(), inside, violations);
				}
				((Get) message).replyTo().tell(total);
				return Behaviors.same();
			}
			finally {
				inside.decrementAndGet();
			}
		});
	}

	private CompletableFuture<Integer> ask(ActorRef<? super Get> ref) {
		return system.ask(ref, Get::new, Duration.ofSeconds(10));
	}

	@Test
	void anAskCompletesWithTheReplyAndReleasesItsReplyRef() {
		ActorRef<Counter> counter = system.spawn(counter(0, new AtomicInteger(), new CopyOnWriteArrayList<>()), "asked");
		counter.tell(new Add(42));
		AtomicReference<ActorRef<Integer>> replyTo = new AtomicReference<>();
		CompletableFuture<Integer> reply = system.ask(counter, (ActorRef<Integer> ref) -> {
			replyTo.set(ref);
			return new Get(ref);
		}, Duration.ofSeconds(10));

		assertThat(reply.join()).isEqualTo(42);
		// Released by the future's completion, which may wake this thread first.
		await().until(() -> system.resolve(replyTo.get().address()) instanceof DeadLetterRef);
	}

	@Test
	@SuppressWarnings("unchecked")
	void anAskAnsweredWithAnEntityFailureFailsWithItsReason() {
		ActorRef<Get> failing = system.spawn(Behaviors.receiveMessage(get -> {
			((ActorRef<Object>) (ActorRef<?>) get.replyTo())
				.tell(EntityFailedException.failure(Reason.OVERLOADED, "too many waiting"));
			return Behaviors.same();
		}), "failing");

		assertThatThrownBy(() -> system.ask(failing, Get::new, Duration.ofSeconds(10)).join()).cause()
			.isInstanceOfSatisfying(EntityFailedException.class, failed -> {
				assertThat(failed.reason()).isEqualTo(Reason.OVERLOADED);
				assertThat(failed).hasMessage("too many waiting");
			});
	}

	@Test
	void anUnansweredAskTimesOutAndReleasesItsReplyRef() {
		ActorRef<Get> silent = system.spawn(Behaviors.receiveMessage(get -> Behaviors.same()), "silent");
		AtomicReference<ActorRef<Integer>> replyTo = new AtomicReference<>();
		CompletableFuture<Integer> reply = system.ask(silent, (ActorRef<Integer> ref) -> {
			replyTo.set(ref);
			return new Get(ref);
		}, Duration.ofMillis(50));

		assertThatThrownBy(reply::join).cause().isInstanceOf(TimeoutException.class);
		// Released by the future's completion, which may wake this thread first.
		await().until(() -> system.resolve(replyTo.get().address()) instanceof DeadLetterRef);
	}

	@Test
	void concurrentSendersLoseNoMessageAndNeverRunTheActorTwiceAtOnce() throws Exception {
		List<String> violations = new CopyOnWriteArrayList<>();
		ActorRef<Counter> counter = system.spawn(counter(0, new AtomicInteger(), violations), "counter");
		int senders = 4;
		int perSender = 50_000;
		CountDownLatch start = new CountDownLatch(1);
		List<Thread> threads = new ArrayList<>();
		for (int i = 0; i < senders; i++) {
			Thread thread = new Thread(() -> {
				awaitUninterruptibly(start);
				for (int n = 0; n < perSender; n++) {
					counter.tell(new Add(1));
				}
			});
			thread.start();
			threads.add(thread);
		}
		start.countDown();
		for (Thread thread : threads) {
			thread.join();
		}

		assertThat(ask(counter).get(5, TimeUnit.SECONDS)).isEqualTo(senders * perSender);
		assertThat(violations).isEmpty();
	}

	@Test
	void setupRunsOnceWhenTheActorStartsAndSeesItsOwnRef() throws Exception {
		CompletableFuture<ActorAddress> seen = new CompletableFuture<>();
		AtomicInteger setups = new AtomicInteger();
		ActorRef<String> ref = system.spawn(Behaviors.setup(context -> {
			setups.incrementAndGet();
			seen.complete(context.self().address());
			return Behaviors.receiveMessage(message -> Behaviors.same());
		}), "with-setup");
		ref.tell("a");
		ref.tell("b");

		assertThat(seen.get(5, TimeUnit.SECONDS)).isEqualTo(ref.address());
		assertThat(ref.address().toString()).isEqualTo(system.address() + "/user/with-setup");
		await().untilAsserted(() -> assertThat(setups).hasValue(1));
	}

	@Test
	void stoppedActorSendsLaterMessagesToDeadLetters() {
		ActorRef<String> ref = system.spawn(Behaviors.receiveMessage(message -> Behaviors.stopped()), "stopper");
		ref.tell("stop");
		await().until(() -> system.resolve(ref.address()) instanceof DeadLetterRef);
		long before = system.deadLetterCount();
		ref.tell("after");

		assertThat(system.deadLetterCount()).isEqualTo(before + 1);
	}

	@Test
	void failingHandlerStopsOnlyThatActor() throws Exception {
		ActorRef<String> failing = system.spawn(Behaviors.receiveMessage(message -> {
			throw new IllegalStateException("boom");
		}), "failing");
		ActorRef<Counter> healthy = system.spawn(counter(0, new AtomicInteger(), new ArrayList<>()), "healthy");
		failing.tell("x");
		healthy.tell(new Add(2));

		await().until(() -> system.resolve(failing.address()) instanceof DeadLetterRef);
		assertThat(ask(healthy).get(5, TimeUnit.SECONDS)).isEqualTo(2);
	}

	@Test
	void watcherIsToldWhenAChildStops() throws Exception {
		CompletableFuture<String> told = new CompletableFuture<>();
		system.spawn(Behaviors.<String>setup(context -> {
			ActorRef<String> child = context.spawn(Behaviors.receiveMessage(message -> Behaviors.stopped()), "child");
			context.watchWith(child, "child-stopped");
			child.tell("stop now");
			return Behaviors.receiveMessage(message -> {
				told.complete(message);
				return Behaviors.same();
			});
		}), "parent");

		assertThat(told.get(5, TimeUnit.SECONDS)).isEqualTo("child-stopped");
	}

	@Test
	void whatAStoppedChildDidNotHandleGoesToItsParentInOrderBeforeTheWatcherHears() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		CompletableFuture<ActorRef<Integer>> childRef = new CompletableFuture<>();
		CompletableFuture<Void> stopRequested = new CompletableFuture<>();
		List<String> parentSaw = new CopyOnWriteArrayList<>();
		ActorRef<String> parent = system.spawn(Behaviors.<String>setup(context -> {
			ActorRef<String> self = context.self();
			ActorRef<Integer> child = context.spawn(Behaviors.<Integer>receiveMessage(number -> {
				awaitUninterruptibly(release);
				return Behaviors.same();
			}), "child", number -> self.tell("undelivered " + number), 0, MessageInterceptor.NONE);
			context.watchWith(child, "stopped");
			childRef.complete(child);
			return Behaviors.receiveMessage(message -> {
				if (message.equals("stop the child")) {
					context.stop(child);
					stopRequested.complete(null);
				}
				else {
					parentSaw.add(message);
				}
				return Behaviors.same();
			});
		}), "parent");
		ActorRef<Integer> child = childRef.get(5, TimeUnit.SECONDS);
		child.tell(0);
		parent.tell("stop the child");
		stopRequested.get(5, TimeUnit.SECONDS);
		for (int i = 1; i <= 50; i++) {
			child.tell(i);
		}

		release.countDown();
		await().until(() -> parentSaw.contains("stopped"));
		for (int i = 51; i <= 60; i++) {
			child.tell(i);
		}

		List<String> expected = new ArrayList<>();
		for (int i = 1; i <= 50; i++) {
			expected.add("undelivered " + i);
		}
		expected.add("stopped");
		for (int i = 51; i <= 60; i++) {
			expected.add("undelivered " + i);
		}
		await().untilAsserted(() -> assertThat(parentSaw).containsExactlyElementsOf(expected));
		assertThat(system.deadLetterCount()).isZero();
	}

	@Test
	void aChildWithAFullMailboxDropsWhatComesBeyondItsCapacityAndTakesMoreOnceItCaughtUp() throws Exception {
		CountDownLatch busy = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		List<Integer> handled = new CopyOnWriteArrayList<>();
		CompletableFuture<ActorRef<Integer>> childRef = new CompletableFuture<>();
		system.spawn(Behaviors.<String>setup(context -> {
			childRef.complete(context.spawn(Behaviors.<Integer>receiveMessage(number -> {
				if (number == 0) {
					busy.countDown();
					awaitUninterruptibly(release);
				}
				handled.add(number);
				return Behaviors.same();
			}), "bounded", number -> { }, 3, MessageInterceptor.NONE));
			return Behaviors.receiveMessage(message -> Behaviors.same());
		}), "parent");
		ActorRef<Integer> child = childRef.get(5, TimeUnit.SECONDS);
		child.tell(0);
		assertThat(busy.await(5, TimeUnit.SECONDS)).isTrue();

		for (int i = 1; i <= 10; i++) {
			child.tell(i);
		}
		release.countDown();

		await().untilAsserted(() -> assertThat(handled).containsExactly(0, 1, 2, 3));
		assertThat(system.droppedMessageCount()).isEqualTo(7);
		for (int i = 11; i <= 13; i++) {
			child.tell(i);
		}
		await().untilAsserted(() -> assertThat(handled).containsExactly(0, 1, 2, 3, 11, 12, 13));
		assertThat(system.droppedMessageCount()).isEqualTo(7);
	}

	record Wrapped(Object message, String scope) {
	}

	@Test
	void aChildsInterceptorUnwrapsWhatComesFromItsMailboxAndRunsTheBehaviorInsideItButNotWhatItPipesToItself()
			throws Exception {
		ThreadLocal<String> scope = new ThreadLocal<>();
		MessageInterceptor unwrapping = (message, behavior) -> {
			if (!(message instanceof Wrapped wrapped)) {
				return behavior.apply(message);
			}
			scope.set(wrapped.scope());
			try {
				return behavior.apply(wrapped.message());
			}
			finally {
				scope.remove();
			}
		};
		List<String> handled = new CopyOnWriteArrayList<>();
		CompletableFuture<ActorRef<String>> childRef = new CompletableFuture<>();
		system.spawn(Behaviors.<String>setup(context -> {
			childRef.complete(context.spawn(Behaviors.<String>receive((child, message) -> {
				handled.add(message + " in " + scope.get());
				if (message.equals("pipe")) {
					child.pipeToSelf(CompletableFuture.completedFuture("piped"), (value, failure) -> value);
				}
				return Behaviors.same();
			}), "intercepted", message -> { }, 0, unwrapping));
			return Behaviors.receiveMessage(message -> Behaviors.same());
		}), "parent");
		@SuppressWarnings({ "unchecked", "rawtypes" })
		ActorRef<Object> child = (ActorRef) childRef.get(5, TimeUnit.SECONDS);

		child.tell(new Wrapped("first", "scope-1"));
		child.tell("plain");
		child.tell(new Wrapped("pipe", "scope-2"));

		await().untilAsserted(() -> assertThat(handled).containsExactly("first in scope-1", "plain in null",
				"pipe in scope-2", "piped in null"));
	}

	@Test
	void aRouterRunsOnTheSendersThreadAndIsReachableByPath() {
		List<String> routed = new CopyOnWriteArrayList<>();
		ActorRef<String> router = system.systemRouterOf("routers/names",
				message -> routed.add(message + " on " + Thread.currentThread().getName()));

		router.tell("hello");
		system.deliver("/system/routers/names", "from the network");

		String here = Thread.currentThread().getName();
		assertThat(routed).containsExactly("hello on " + here, "from the network on " + here);
		assertThat(system.resolve(router.address())).isSameAs(router);
		assertThatThrownBy(() -> system.systemRouterOf("routers/names", message -> { }))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("/system/routers/names");
	}

	@Test
	void stoppingAParentStopsItsChildren() throws Exception {
		CompletableFuture<ActorRef<String>> childRef = new CompletableFuture<>();
		ActorRef<String> parent = system.spawn(Behaviors.<String>setup(context -> {
			childRef.complete(context.spawn(Behaviors.receiveMessage(message -> Behaviors.same()), "child"));
			return Behaviors.receiveMessage(message -> Behaviors.stopped());
		}), "parent");
		ActorRef<String> child = childRef.get(5, TimeUnit.SECONDS);
		parent.tell("stop");

		await().until(() -> system.resolve(child.address()) instanceof DeadLetterRef);
	}

	@Test
	void stopHooksRunWhenTheActorStops() throws Exception {
		CompletableFuture<String> hookRan = new CompletableFuture<>();
		ActorRef<String> ref = system.spawn(Behaviors.<String>setup(context -> {
			context.onStop(() -> hookRan.complete(Thread.currentThread().getName()));
			return Behaviors.receiveMessage(message -> Behaviors.stopped());
		}), "with-hook");
		assertThat(hookRan).isNotDone();

		ref.tell("stop");

		assertThat(hookRan.get(5, TimeUnit.SECONDS)).startsWith("casty-test-dispatcher-");
	}

	@Test
	void twoTopLevelActorsCannotShareAName() {
		system.spawn(Behaviors.receiveMessage(message -> Behaviors.same()), "once");

		assertThatThrownBy(() -> system.spawn(Behaviors.receiveMessage(message -> Behaviors.same()), "once"))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("/user/once");
	}

	@Test
	void addressesParseBackToThemselves() {
		ActorAddress address = ActorAddress.parse("loyalty-cluster@127.0.0.1:25520/system/sharding/loyalty");

		assertThat(address.node()).isEqualTo(new NodeAddress("loyalty-cluster", "127.0.0.1", 25520));
		assertThat(address.path()).isEqualTo("/system/sharding/loyalty");
		assertThat(ActorAddress.parse(address.toString())).isEqualTo(address);
		assertThatThrownBy(() -> NodeAddress.parse("no-port@host")).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("expected: system@host:port");
	}

	private static void awaitUninterruptibly(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}
}
