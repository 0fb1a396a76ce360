package io.casty.sample.loyalty.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import brave.handler.MutableSpan;
import brave.handler.SpanHandler;
import brave.propagation.TraceContext;
import io.casty.actor.Behaviors;
import io.casty.cluster.EntityType;
import io.casty.sample.loyalty.AddPointsAndConfirm;
import io.casty.sample.loyalty.LoyaltyCommand;
import io.casty.sample.loyalty.LoyaltyMessages;
import io.casty.sample.loyalty.PointsConfirmation;
import io.casty.sample.loyalty.PointsConfirmation.Outcome;
import io.casty.spring.test.AutoConfigureCastyTestNode;
import io.casty.spring.test.CastyTestNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.micrometer.tracing.test.autoconfigure.AutoConfigureTracing;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;

/**
 * One REST request, one trace: the API's HTTP server span, the client's ask inside it, and the
 * entity's handling on the node that answered, with that node's address. Spring Boot's own Brave
 * tracer serves the API and the test node alike (one JVM), so the spans land in one place; the
 * trace still reaches the entity only in the envelope, across the node's TCP connection.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.banner-mode=off", "casty.client.startup.mode=fail-fast",
				"management.tracing.sampling.probability=1.0" })
@AutoConfigureCastyTestNode
@AutoConfigureTracing
class LoyaltyApiTracingTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	@LocalServerPort
	private int apiPort;

	@Autowired
	private CastyTestNode node;

	@Autowired
	private FinishedSpans spans;

	@TestConfiguration(proxyBeanMethods = false)
	static class Tracing {

		/** Adds nothing up: answers each addition as added, with its amount as the total. */
		@Bean
		EntityType<LoyaltyCommand> loyaltyEntityType() {
			return EntityType.of(LoyaltyMessages.SHARD_TYPE, LoyaltyMessages.NUM_SHARDS,
					(userId) -> Behaviors.receiveMessage((command) -> {
						if (command instanceof AddPointsAndConfirm add) {
							add.replyTo().tell(new PointsConfirmation(add.amount(), Outcome.ADDED));
						}
						return Behaviors.same();
					}));
		}

		@Bean
		FinishedSpans finishedSpans() {
			return new FinishedSpans();
		}

	}

	@Test
	void aPointsRequestIsOneTraceFromTheHttpServerToTheEntityOnTheNodeThatHandledIt() throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.apiPort + "/users/traced-1/points"))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("{\"amount\":40}"))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as("answer: %s", response.body()).isEqualTo(200);

		MutableSpan server = await().atMost(TIMEOUT)
			.until(() -> this.spans.named("http post /users/{userId}/points"), Optional::isPresent)
			.get();
		MutableSpan ask = this.spans.named("ask loyalty").orElseThrow();
		MutableSpan handled = this.spans.named("handle loyalty").orElseThrow();

		assertThat(ask.traceId()).isEqualTo(server.traceId());
		assertThat(ask.parentId()).isEqualTo(server.id());
		assertThat(ask.tag("casty.entity.id")).isEqualTo("traced-1");
		assertThat(ask.remoteServiceName()).isEqualTo("loyalty-cluster");
		assertThat(handled.traceId()).isEqualTo(server.traceId());
		assertThat(handled.parentId()).isEqualTo(ask.id());
		assertThat(handled.tag("casty.node")).isEqualTo(this.node.host() + ":" + this.node.port());
		assertThat(handled.tag("casty.message.type")).isEqualTo("AddPointsAndConfirm");
	}

	/** Every span the tracer finishes, as Brave reports it to an exporter. */
	static final class FinishedSpans extends SpanHandler {

		private final List<MutableSpan> finished = new CopyOnWriteArrayList<>();

		@Override
		public boolean end(TraceContext context, MutableSpan span, Cause cause) {
			if (cause == Cause.FINISHED) {
				this.finished.add(span);
			}
			return true;
		}

		Optional<MutableSpan> named(String name) {
			return this.finished.stream().filter((span) -> name.equals(span.name())).findFirst();
		}

	}

}
