package io.casty.benchmarks.load.pekko;

import io.casty.benchmarks.points.EntityIds;
import io.casty.benchmarks.load.LoadSettings;
import io.casty.benchmarks.load.Target;
import io.casty.benchmarks.load.pekko.PointsProtocol.AddAndGet;
import io.casty.benchmarks.load.pekko.PointsProtocol.AddPoints;
import io.casty.benchmarks.load.pekko.PointsProtocol.GetPoints;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.cluster.client.ClusterClient;
import org.apache.pekko.pattern.Patterns;

/**
 * Drives the accounts through a Pekko {@link ClusterClient}: tells are {@code Send}s with no
 * sender, asks are {@link Patterns#ask} of a {@code Send} (the reply comes back through the
 * receptionist to the ask's temporary actor).
 */
@SuppressWarnings("deprecation") // ClusterClient: see PekkoSystem
final class PekkoTarget implements Target {

	private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

	private final ActorSystem system;

	private final ActorRef client;

	private final String[] ids;

	private final Duration askTimeout;

	PekkoTarget(ActorSystem system, ActorRef client, LoadSettings settings) {
		this.system = system;
		this.client = client;
		this.ids = EntityIds.of(settings.entities());
		this.askTimeout = settings.askTimeout();
	}

	@Override
	public CompletionStage<Integer> addAndGet(int entity) {
		return ask(new AddAndGet(ids[entity], 1), askTimeout);
	}

	@Override
	public void add(int entity) {
		client.tell(new ClusterClient.Send(PekkoSystem.REGION_PATH, new AddPoints(ids[entity], 1), false), ActorRef.noSender());
	}

	@Override
	public CompletionStage<Integer> total(int entity, Duration timeout) {
		return ask(new GetPoints(ids[entity]), timeout);
	}

	private CompletionStage<Integer> ask(PointsProtocol.Message message, Duration timeout) {
		return Patterns.ask(client, new ClusterClient.Send(PekkoSystem.REGION_PATH, message, false), timeout)
			.thenApply(Integer.class::cast);
	}

	@Override
	public void close() {
		system.terminate();
		try {
			system.getWhenTerminated().toCompletableFuture().get(CLOSE_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("the Pekko client did not stop within " + CLOSE_TIMEOUT.toSeconds() + " s", ex);
		}
	}
}
