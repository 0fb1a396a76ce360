package io.casty.sample.loyalty.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.casty.client.AskTimeoutException;
import io.casty.client.ClientBufferFullException;
import io.casty.client.ClusterUnavailableException;
import io.casty.client.ReplyLostException;
import io.casty.sample.loyalty.api.StubLoyaltyAccounts.Addition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
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
 * The REST contract against a stub of the accounts: status codes, bodies, and problem details
 * for every kind of error.
 */
@WebMvcTest(PointsController.class)
@Import(PointsControllerTests.StubConfiguration.class)
class PointsControllerTests {

	/** 64 characters, the most a user id may have. */
	private static final String LONGEST_USER_ID = "uuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuu";

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
	void postingAPositiveAmountAddsItAndAnswersAccepted() {
		MvcTestResult result = post("user-1", "{\"amount\": 100}");

		assertThat(result).hasStatus(202);
		assertThat(result.getResponse().getContentLength()).isZero();
		assertThat(this.accounts.additions()).containsExactly(new Addition("user-1", 100));
	}

	@Test
	void userIdOfSixtyFourAllowedCharactersIsAccepted() {
		assertThat(post(LONGEST_USER_ID, "{\"amount\": 1}")).hasStatus(202);
		assertThat(post("Jane.Doe_42-x", "{\"amount\": 1}")).hasStatus(202);
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

	@Test
	void invalidUserIdAndAmountAreBothNamed() {
		MvcTestResult result = post("user 1", "{\"amount\": 0}");

		assertThat(result).hasStatus(400);
		assertThat(result).bodyJson().extractingPath("$.errors[*].name").asArray().containsExactlyInAnyOrder("userId",
				"amount");
	}

	@Test
	void bodyPostedAsAFormAsCurlDoesByDefaultIsReadAsJson() {
		MvcTestResult result = this.mvc.post()
			.uri("/users/user-1/points")
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.content("{\"amount\":100}")
			.exchange();

		assertThat(result).hasStatus(202);
		assertThat(this.accounts.additions()).containsExactly(new Addition("user-1", 100));
	}

	@Test
	void bodyWithoutAContentTypeIsReadAsJson() {
		MvcTestResult result = this.mvc.post().uri("/users/user-1/points").content("{\"amount\":100}").exchange();

		assertThat(result).hasStatus(202);
		assertThat(this.accounts.additions()).containsExactly(new Addition("user-1", 100));
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
