package io.casty.sample.loyalty.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.casty.EntityFailedException;
import io.casty.EntityFailedException.Reason;
import io.casty.client.AskTimeoutException;
import io.casty.client.ClientBufferFullException;
import io.casty.client.ClusterUnavailableException;
import io.casty.client.ReplyLostException;
import io.casty.sample.loyalty.PointsConfirmation;
import io.casty.sample.loyalty.PointsConfirmation.Outcome;
import io.casty.sample.loyalty.api.StubLoyaltyAccounts.Addition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * The REST contract against a stub of the accounts: status codes, bodies, headers, and problem
 * details for every kind of error.
 */
@WebMvcTest(PointsController.class)
@Import(PointsControllerTests.StubConfiguration.class)
class PointsControllerTests {

	/** 64 characters, the most a user id may have. */
	private static final String LONGEST_USER_ID = "uuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuu";

	/** 128 characters, the longest idempotency key, from both ends of the visible ASCII range. */
	private static final String LONGEST_IDEMPOTENCY_KEY = "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"
			+ "~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~";

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private StubLoyaltyAccounts accounts;

	@BeforeEach
	void resetAccounts() {
		// The stub is a bean of the context that every test of this class shares.
		this.accounts.reset();
	}

	private MvcTestResult post(String userId, String body) {
		return this.mvc.post()
			.uri("/users/{userId}/points", userId)
			.contentType(MediaType.APPLICATION_JSON)
			.content(body)
			.exchange();
	}

	private MvcTestResult post(String userId, String body, String idempotencyKey) {
		return this.mvc.post()
			.uri("/users/{userId}/points", userId)
			.contentType(MediaType.APPLICATION_JSON)
			.header("Idempotency-Key", idempotencyKey)
			.content(body)
			.exchange();
	}

	private MvcTestResult get(String userId) {
		return this.mvc.get().uri("/users/{userId}/points", userId).exchange();
	}

	private static void assertProblem(MvcTestResult result, int status, String title, String detail) {
		assertThat(result).hasStatus(status).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(result).bodyJson().extractingPath("$.status").isEqualTo(status);
		assertThat(result).bodyJson().extractingPath("$.title").isEqualTo(title);
		assertThat(result).bodyJson().extractingPath("$.detail").isEqualTo(detail);
	}

	@Test
	void postingAPositiveAmountAnswersTheConfirmedTotalAsJson() {
		this.accounts.confirmAdditionsWith(new PointsConfirmation(250, Outcome.ADDED));

		MvcTestResult result = post("user-1", "{\"amount\": 100}");

		assertThat(result).hasStatusOk().hasContentType(MediaType.APPLICATION_JSON);
		assertThat(result).bodyJson().isStrictlyEqualTo("{\"userId\": \"user-1\", \"points\": 250}");
		assertThat(result).doesNotContainHeader("Idempotent-Replayed");
		assertThat(this.accounts.additions()).containsExactly(new Addition("user-1", 100, null));
	}

	@Test
	void idempotencyKeyIsPassedToTheAccount() {
		MvcTestResult result = post("user-1", "{\"amount\": 100}", "order-42");

		assertThat(result).hasStatusOk();
		assertThat(result).bodyJson().extractingPath("$.points").isEqualTo(100);
		assertThat(this.accounts.additions()).containsExactly(new Addition("user-1", 100, "order-42"));
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "!", "~", "a", "550e8400-e29b-41d4-a716-446655440000", "order:42/retry=1,\"x\"",
			LONGEST_IDEMPOTENCY_KEY })
	void idempotencyKeyOfOneToOneHundredTwentyEightVisibleAsciiCharactersIsAccepted(String idempotencyKey) {
		assertThat(post("user-1", "{\"amount\": 1}", idempotencyKey)).hasStatusOk();
		assertThat(this.accounts.additions()).containsExactly(new Addition("user-1", 1, idempotencyKey));
	}

	@Test
	void additionTheAccountHadAlreadyMadeAnswersTheFirstTotalMarkedAsReplayed() {
		this.accounts.confirmAdditionsWith(new PointsConfirmation(100, Outcome.DUPLICATE));

		MvcTestResult result = post("user-1", "{\"amount\": 100}", "order-42");

		assertThat(result).hasStatusOk().hasContentType(MediaType.APPLICATION_JSON);
		assertThat(result).hasHeader("Idempotent-Replayed", "true");
		assertThat(result).bodyJson().isStrictlyEqualTo("{\"userId\": \"user-1\", \"points\": 100}");
	}

	@Test
	void additionThatWouldOverflowTheTotalIsUnprocessableNamingTheTotal() {
		this.accounts.confirmAdditionsWith(new PointsConfirmation(Integer.MAX_VALUE - 5, Outcome.REFUSED_OVERFLOW));

		MvcTestResult result = post("user-1", "{\"amount\": 10}");

		assertProblem(result, 422, "Points refused", "Adding 10 points to user-1's total of 2147483642 would overflow it"
				+ " (at most 2147483647); nothing was added.");
		assertThat(result).bodyJson().extractingPath("$.instance").isEqualTo("/users/user-1/points");
		assertThat(result).doesNotContainHeader("Idempotent-Replayed");
	}

	@Test
	void userIdOfSixtyFourAllowedCharactersIsAccepted() {
		assertThat(post(LONGEST_USER_ID, "{\"amount\": 1}")).hasStatusOk();
		assertThat(post("Jane.Doe_42-x", "{\"amount\": 1}")).hasStatusOk();
	}

	@Test
	void gettingPointsAnswersTheUsersTotalAsJson() {
		this.accounts.answerPoints(150);

		MvcTestResult result = get("user-1");

		assertThat(result).hasStatusOk().hasContentType(MediaType.APPLICATION_JSON);
		assertThat(result).bodyJson().isStrictlyEqualTo("{\"userId\": \"user-1\", \"points\": 150}");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
			{'amount': 0}          | amount must be a positive integer
			{'amount': -5}         | amount must be a positive integer
			{}                     | amount is required
			{'amount': null}       | amount is required
			""")
	void amountThatIsMissingOrNotPositiveIsRejectedNamingIt(String body, String detail) {
		MvcTestResult result = post("user-1", body.replace('\'', '"'));

		assertProblem(result, 400, "Bad Request", detail);
		assertThat(result).bodyJson().extractingPath("$.errors[0].name").isEqualTo("amount");
		assertThat(result).bodyJson().extractingPath("$.instance").isEqualTo("/users/user-1/points");
		assertThat(this.accounts.additions()).isEmpty();
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "{'amount': 1.5}", "{'amount': '100'}", "{'amount': 3000000000}", "{'amount': 100",
			"[100]", "100", "" })
	void bodyThatIsNotAnObjectWithAnIntegerAmountIsRejectedShowingTheExpectedShape(String body) {
		MvcTestResult result = post("user-1", body.replace('\'', '"'));

		assertProblem(result, 400, "Bad Request",
				"The request body must be a JSON object like {\"amount\": 100}, with amount a positive integer.");
		assertThat(this.accounts.additions()).isEmpty();
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "user 1", "user@example.com", "ü", LONGEST_USER_ID + "u" })
	void userIdOutsideTheAllowedCharactersOrLengthIsRejectedByBothMethods(String userId) {
		String detail = "userId must be 1 to 64 letters, digits, '.', '_' or '-'";

		assertProblem(post(userId, "{\"amount\": 100}"), 400, "Bad Request", detail);
		assertProblem(get(userId), 400, "Bad Request", detail);
		assertThat(this.accounts.additions()).isEmpty();
	}

	@ParameterizedTest(name = "[{index}] {0}")
	@ValueSource(strings = { "", "order 42", "tab\tkey", "ü", "\u00a0key" })
	void idempotencyKeyOutsideVisibleAsciiIsRejectedNamingTheHeader(String idempotencyKey) {
		MvcTestResult result = post("user-1", "{\"amount\": 100}", idempotencyKey);

		assertProblem(result, 400, "Bad Request",
				"Idempotency-Key must be 1 to 128 visible ASCII characters, without spaces");
		assertThat(result).bodyJson().extractingPath("$.errors[0].name").isEqualTo("Idempotency-Key");
		assertThat(result).bodyJson()
			.extractingPath("$.errors[0].message")
			.isEqualTo("must be 1 to 128 visible ASCII characters, without spaces");
		assertThat(this.accounts.additions()).isEmpty();
	}

	@Test
	void idempotencyKeyLongerThanOneHundredTwentyEightCharactersIsRejected() {
		String tooLong = LONGEST_IDEMPOTENCY_KEY + "x";
		assertThat(tooLong).hasSize(129);

		MvcTestResult result = post("user-1", "{\"amount\": 100}", tooLong);

		assertThat(result).hasStatus(400);
		assertThat(result).bodyJson().extractingPath("$.errors[0].name").isEqualTo("Idempotency-Key");
		assertThat(this.accounts.additions()).isEmpty();
	}

	@Test
	void invalidUserIdAndAmountAreBothNamed() {
		MvcTestResult result = post("user 1", "{\"amount\": 0}");

		assertThat(result).hasStatus(400);
		assertThat(result).bodyJson().extractingPath("$.errors[*].name").asArray().containsExactlyInAnyOrder("userId",
				"amount");
	}

	@Test
	void invalidIdempotencyKeyAndAmountAreBothNamed() {
		MvcTestResult result = post("user-1", "{\"amount\": 0}", "order 42");

		assertThat(result).hasStatus(400);
		assertThat(result).bodyJson()
			.extractingPath("$.errors[*].name")
			.asArray()
			.containsExactlyInAnyOrder("Idempotency-Key", "amount");
		assertThat(this.accounts.additions()).isEmpty();
	}

	@Test
	void bodyPostedAsAFormAsCurlDoesByDefaultIsReadAsJson() {
		MvcTestResult result = this.mvc.post()
			.uri("/users/user-1/points")
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.content("{\"amount\":100}")
			.exchange();

		assertThat(result).hasStatusOk();
		assertThat(this.accounts.additions()).containsExactly(new Addition("user-1", 100, null));
	}

	@Test
	void bodyWithoutAContentTypeIsReadAsJson() {
		MvcTestResult result = this.mvc.post().uri("/users/user-1/points").content("{\"amount\":100}").exchange();

		assertThat(result).hasStatusOk();
		assertThat(this.accounts.additions()).containsExactly(new Addition("user-1", 100, null));
	}

	@Test
	void formFieldsInsteadOfJsonAreRejectedShowingTheExpectedShape() {
		MvcTestResult result = this.mvc.post()
			.uri("/users/user-1/points")
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.content("amount=100")
			.exchange();

		assertProblem(result, 400, "Bad Request",
				"The request body must be a JSON object like {\"amount\": 100}, with amount a positive integer.");
	}

	@Test
	void bodyThatIsNotJsonIsUnsupportedMediaType() {
		MvcTestResult result = this.mvc.post()
			.uri("/users/user-1/points")
			.contentType(MediaType.TEXT_PLAIN)
			.content("100")
			.exchange();

		assertThat(result).hasStatus(415).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(result).bodyJson().extractingPath("$.title").isEqualTo("Unsupported Media Type");
	}

	@Test
	void unknownPathIsNotFoundAsProblemDetails() {
		MvcTestResult result = this.mvc.get().uri("/users").exchange();

		assertThat(result).hasStatus(404).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(result).bodyJson().extractingPath("$.title").isEqualTo("Not Found");
	}

	@Test
	void unsupportedMethodIsMethodNotAllowedAsProblemDetails() {
		MvcTestResult result = this.mvc.delete().uri("/users/user-1/points").exchange();

		assertThat(result).hasStatus(405).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(result).bodyJson().extractingPath("$.title").isEqualTo("Method Not Allowed");
	}

	@Test
	void additionWhileTheClusterIsUnavailableIsServiceUnavailableWithRetryAfter() {
		this.accounts.failAdditionsWith(new ClusterUnavailableException("The API is not connected to the cluster"));

		MvcTestResult result = post("user-1", "{\"amount\": 100}");

		assertProblem(result, 503, "Cluster unavailable", "The API is not connected to the cluster");
		assertThat(result).hasHeader("Retry-After", "1");
	}

	@Test
	void additionThatFindsTheClientBufferFullIsServiceUnavailable() {
		this.accounts.failAdditionsWith(new ClientBufferFullException("buffer full (10000 messages)"));

		assertProblem(post("user-1", "{\"amount\": 100}"), 503, "Cluster unavailable", "buffer full (10000 messages)");
	}

	@Test
	void additionWhoseNodeWentAwayBeforeAnsweringIsServiceUnavailable() {
		String lost = "The connection to node 127.0.0.1:2552 closed before the reply";
		this.accounts.failAdditionsWith(new ReplyLostException(lost));

		MvcTestResult result = post("user-1", "{\"amount\": 100}", "order-42");

		assertProblem(result, 503, "Cluster unavailable", lost);
		assertThat(result).hasHeader("Retry-After", "1");
	}

	@Test
	void additionTheAccountCouldNotMakeDurableIsServiceUnavailableNamingTheReason() {
		this.accounts.failAdditionsWith(new EntityFailedException(Reason.PERSIST_FAILED,
				"Entity 'loyalty|user-1' could not persist: the journal did not confirm within 5000 ms"));

		MvcTestResult result = post("user-1", "{\"amount\": 100}", "order-42");

		assertProblem(result, 503, "Account unavailable",
				"Entity 'loyalty|user-1' could not persist: the journal did not confirm within 5000 ms");
		assertThat(result).hasHeader("Retry-After", "1");
		assertThat(result).bodyJson().extractingPath("$.reason").isEqualTo("PERSIST_FAILED");
		assertThat(result).bodyJson().extractingPath("$.instance").isEqualTo("/users/user-1/points");
	}

	@Test
	void additionTheAccountDoesNotConfirmInTimeIsGatewayTimeout() {
		this.accounts.failAdditionsWith(new AskTimeoutException("no reply within 5000 ms"));

		assertProblem(post("user-1", "{\"amount\": 100}", "order-42"), 504, "Cluster did not answer in time",
				"no reply within 5000 ms");
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(Reason.class)
	void questionTheAccountCannotAnswerIsServiceUnavailableNamingTheReason(Reason reason) {
		this.accounts.failPointsWith(new EntityFailedException(reason, "Entity 'loyalty|user-1' failed: " + reason));

		MvcTestResult result = get("user-1");

		assertProblem(result, 503, "Account unavailable", "Entity 'loyalty|user-1' failed: " + reason);
		assertThat(result).hasHeader("Retry-After", "1");
		assertThat(result).bodyJson().extractingPath("$.reason").isEqualTo(reason.name());
	}

	@Test
	void questionThatCannotReachTheClusterIsServiceUnavailable() {
		this.accounts.failPointsWith(new ClusterUnavailableException("no owner for shard 3 of 'loyalty'"));

		assertProblem(get("user-1"), 503, "Cluster unavailable", "no owner for shard 3 of 'loyalty'");
	}

	@Test
	void questionWhoseNodeWentAwayBeforeAnsweringIsServiceUnavailable() {
		this.accounts.failPointsWith(new ReplyLostException("The connection to node 127.0.0.1:2552 closed before the reply"));

		MvcTestResult result = get("user-1");

		assertProblem(result, 503, "Cluster unavailable", "The connection to node 127.0.0.1:2552 closed before the reply");
		assertThat(result).hasHeader("Retry-After", "1");
	}

	@Test
	void questionTheClusterDoesNotAnswerInTimeIsGatewayTimeout() {
		this.accounts.failPointsWith(new AskTimeoutException("no reply within 5000 ms"));

		assertProblem(get("user-1"), 504, "Cluster did not answer in time", "no reply within 5000 ms");
	}

	@Test
	void unexpectedFailureIsInternalServerErrorWithoutItsMessage() {
		this.accounts.failPointsWith(new IllegalStateException("secret internals"));

		assertProblem(get("user-1"), 500, "Internal Server Error",
				"The request failed unexpectedly; the API's log has the cause.");
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class StubConfiguration {

		@Bean
		StubLoyaltyAccounts stubLoyaltyAccounts() {
			return new StubLoyaltyAccounts();
		}

	}

}
