package io.casty.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.casty.actor.ActorRef;
import io.casty.actor.ActorSystem;
import io.casty.actor.Behavior;
import io.casty.actor.Behaviors;
import io.casty.actor.NodeAddress;
import io.casty.actor.TemporaryRef;
import io.casty.serialization.MessageRegistry;
import io.casty.testing.FreePorts;
import io.casty.testing.LogCapture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Which thread runs a node's actors when a message from the network wakes them, and the warning
 * about a network thread that an actor holds up.
 */
class NetworkThreadsTest {

	record Work(int sequence, ActorRef<Done> replyTo) {
	}

	record Done(int sequence, String thread) {
	}

	private final MessageRegistry registry = MessageRegistry.builder().register(Work.class, Done.class).build();

	private final List<AutoCloseable> toClose = new ArrayList<>();

	@AfterEach
	void closeAll() throws Exception {
		for (int i = toClose.size() - 1; i >= 0; i--) {
			toClose.get(i).close();
		}
	}

	/*
	 * A message only wakes an idle actor: one still busy on the pool (with its start, or with a
	 * message from the test's thread) takes a message from the network in the same turn, there.
	 * So the tests below look at several messages, not at the first.
	 */

	@Test
	void anActorWokenByAMessageFromTheNetworkRunsOnTheThreadThatReadIt() throws Exception {
		Node node = startNode(true, TransportSettings.defaults(), replyingWithThreadName());
		ClientSide client = new ClientSide();

		assertThat(threadsOf(client, node, 10)).anyMatch(thread -> thread.startsWith("casty-test-io-"));
		// A message from elsewhere (here the test's thread) still goes to the pool.
		assertThat(askLocally(node, 2).thread()).startsWith("casty-test-dispatcher-");
	}

	@Test
	void withoutItActorsRunOnThePool() throws Exception {
		Node node = startNode(false, TransportSettings.defaults(), replyingWithThreadName());
		ClientSide client = new ClientSide();

		assertThat(threadsOf(client, node, 10)).allMatch(thread -> thread.startsWith("casty-test-dispatcher-"));
	}

	/** The threads that handled {@code asks} asks from the client, one at a time. */
	private static List<String> threadsOf(ClientSide client, Node node, int asks) throws Exception {
		List<String> threads = new ArrayList<>();
		for (int i = 0; i < asks; i++) {
			threads.add(client.ask(node, i).thread());
		}
		return threads;
	}

	@Test
	void onNetworkThreadsOneSendersMessagesAreHandledInOrderAcrossTurnsAndThreads() throws Exception {
		Node node = startNode(true, TransportSettings.defaults(), replyingWithThreadName());
		ClientSide client = new ClientSide();
		List<Done> replies = new CopyOnWriteArrayList<>();
		TemporaryRef<Done> replyTo = client.system.temporaryRef(replies::add);

		for (int i = 0; i < 20_000; i++) {
			client.transport.send(node.actor.address(), new Work(i, replyTo));
			if (i % 1_000 == 0) {
				// Wakes the actor from the pool now and then, so its turns move between threads.
				node.actor.tell(new Work(-1, replyTo));
			}
		}

		await().atMost(Duration.ofSeconds(20)).until(() -> replies.size() == 20_020);
		assertThat(replies.stream().mapToInt(Done::sequence).filter(sequence -> sequence >= 0))
			.containsExactlyElementsOf(IntStream.range(0, 20_000).boxed().toList());
	}

	@Test
	void aNetworkThreadHeldUpByAnActorIsReportedWithItsStackAndAgainWhenItIsBack() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		BlockingQueue<String> ranOn = new LinkedBlockingQueue<>();
		TransportSettings settings = TransportSettings.builder().blockedThreadWarning(Duration.ofMillis(200)).build();
		try (LogCapture log = LogCapture.of(NetworkThreadWatchdog.class.getName())) {
			Node node = startNode(true, settings, Behaviors.receiveMessage(work -> {
				String thread = Thread.currentThread().getName();
				ranOn.add(thread);
				if (thread.startsWith("casty-test-io-")) {
					HoldsUpItsThread.waitFor(release);
				}
				work.replyTo().tell(new Done(work.sequence(), thread));
				return Behaviors.same();
			}));
			ClientSide client = new ClientSide();

			// Until one lands on a network thread (see above), and holds it up.
			CompletableFuture<Done> reply;
			String thread;
			int sequence = 0;
			do {
				reply = client.askLater(node, ++sequence);
				thread = ranOn.poll(5, TimeUnit.SECONDS);
				assertThat(thread).as("the thread of ask %d", sequence).isNotNull();
			}
			while (!thread.startsWith("casty-test-io-"));
			await().atMost(Duration.ofSeconds(5)).until(() -> log.messages().stream()
				.anyMatch(line -> line.startsWith("WARN Network thread casty-test-io-")
						&& line.contains("has been busy with one task for more than")));
			assertThat(log.loggedStacks()).anySatisfy(
					stack -> assertThat(stack).contains(HoldsUpItsThread.class.getName() + ".waitFor"));
			assertThat(reply).isNotDone();

			release.countDown();

			assertThat(reply.get(5, TimeUnit.SECONDS).sequence()).isEqualTo(sequence);
			await().atMost(Duration.ofSeconds(5)).until(() -> log.messages().stream()
				.anyMatch(line -> line.matches("WARN Network thread casty-test-io-\\S+ is running tasks again, after \\d+ ms")));
		}
	}

	@Test
	void theWarningThresholdCannotBeNegative() {
		assertThatThrownBy(() -> TransportSettings.builder().blockedThreadWarning(Duration.ofMillis(-1)))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessage("blockedThreadWarning : PT-0.001S (expected: >= 0, 0 to turn it off)");
	}

	/** Names the frame the watchdog's stack must show. */
	private static final class HoldsUpItsThread {

		static void waitFor(CountDownLatch release) {
			try {
				release.await(30, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	private static Behavior<Work> replyingWithThreadName() {
		return Behaviors.receiveMessage(work -> {
			work.replyTo().tell(new Done(work.sequence(), Thread.currentThread().getName()));
			return Behaviors.same();
		});
	}

	private record Node(ActorSystem system, ActorRef<Work> actor) {
	}

	private Node startNode(boolean actorsOnNetworkThreads, TransportSettings settings, Behavior<Work> behavior) {
		ActorSystem system = new ActorSystem(new NodeAddress("test", "127.0.0.1", FreePorts.next()));
		toClose.add(system);
		NettyTransport transport = new NettyTransport(system, registry, settings);
		toClose.add(transport);
		if (actorsOnNetworkThreads) {
			transport.runActorsOnNetworkThreads();
		}
		transport.bind();
		return new Node(system, system.spawn(behavior, "worker"));
	}

	private Done askLocally(Node node, int sequence) throws Exception {
		CompletableFuture<Done> reply = new CompletableFuture<>();
		node.actor.tell(new Work(sequence, node.system.temporaryRef(reply::complete)));
		return reply.get(5, TimeUnit.SECONDS);
	}

	private final class ClientSide {

		final ActorSystem system;

		final NettyTransport transport;

		ClientSide() {
			system = new ActorSystem(new NodeAddress("test", "client-" + UUID.randomUUID(), NodeAddress.NO_PORT));
			toClose.add(system);
			transport = new NettyTransport(system, registry, TransportSettings.defaults());
			toClose.add(transport);
		}

		CompletableFuture<Done> askLater(Node node, int sequence) {
			CompletableFuture<Done> reply = new CompletableFuture<>();
			transport.send(node.actor.address(), new Work(sequence, system.temporaryRef(reply::complete)));
			return reply;
		}

		Done ask(Node node, int sequence) throws Exception {
			return askLater(node, sequence).get(5, TimeUnit.SECONDS);
		}
	}
}
