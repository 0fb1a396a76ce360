package io.casty.sample.loyalty.api;

import io.casty.sample.loyalty.PointsConfirmation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import java.util.concurrent.CompletableFuture;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /users/{userId}/points}: POST adds points, GET answers the total. Both return a future,
 * so a request thread never waits for the cluster. Invalid input is rejected before it reaches
 * the cluster; {@link ApiExceptionHandler} turns every failure into problem details.
 *
 * <p>POST answers {@code 200} with the new total only once the account has made the addition
 * durable in its journal: a {@code 200} is never lost, whatever happens to the node afterwards.
 * A {@code 503} or {@code 504} confirms nothing, yet the points may have been added (the journal
 * took the event, but the answer was lost or came too late). That is why a POST may carry an
 * {@value #IDEMPOTENCY_KEY} header: sent again with the same key, the addition is made once, and
 * the retry is answered {@code 200} with the total the first addition reached and
 * {@value #IDEMPOTENT_REPLAYED}{@code : true}. The key names the addition within one user's
 * account, whatever amount a later request with it carries; the account remembers its last
 * {@value io.casty.sample.loyalty.LoyaltyMessages#REMEMBERED_KEYS} keys, and a POST without a
 * key is never deduplicated. An addition that would overflow the total is refused with
 * {@code 422}, and nothing is added.
 */
@RestController
@RequestMapping("/users/{userId}/points")
class PointsController {

	/** Letters, digits, '.', '_' and '-', 1 to 64 of them: safe in a URL path and in logs. */
	static final String USER_ID = "[A-Za-z0-9._-]{1,64}";

	private static final String USER_ID_MESSAGE = "must be 1 to 64 letters, digits, '.', '_' or '-'";

	/** The request header that makes a POST safe to retry. */
	static final String IDEMPOTENCY_KEY = "Idempotency-Key";

	/**
	 * 1 to 128 visible ASCII characters (0x21 to 0x7E): no spaces or control characters, which
	 * proxies may trim or mangle, so the retry carries exactly the key the first attempt did.
	 */
	static final String IDEMPOTENCY_KEY_PATTERN = "[\\x21-\\x7E]{1,128}";

	private static final String IDEMPOTENCY_KEY_MESSAGE = "must be 1 to 128 visible ASCII characters, without spaces";

	/** The response header that marks an answer to an addition the account had already made. */
	static final String IDEMPOTENT_REPLAYED = "Idempotent-Replayed";

	private final LoyaltyAccounts accounts;

	PointsController(LoyaltyAccounts accounts) {
		this.accounts = accounts;
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
	CompletableFuture<ResponseEntity<PointsResponse>> addPoints(
			@PathVariable @Pattern(regexp = USER_ID, message = USER_ID_MESSAGE) String userId,
			@RequestHeader(name = IDEMPOTENCY_KEY, required = false) @Pattern(regexp = IDEMPOTENCY_KEY_PATTERN,
					message = IDEMPOTENCY_KEY_MESSAGE) String idempotencyKey,
			@Valid @RequestBody AddPointsRequest request) {
		return this.accounts.addPoints(userId, request.amount(), idempotencyKey)
			.thenApply((confirmation) -> answer(userId, request.amount(), confirmation));
	}

	@GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
	CompletableFuture<PointsResponse> points(
			@PathVariable @Pattern(regexp = USER_ID, message = USER_ID_MESSAGE) String userId) {
		return this.accounts.points(userId).thenApply((points) -> new PointsResponse(userId, points));
	}

	private static ResponseEntity<PointsResponse> answer(String userId, int amount, PointsConfirmation confirmation) {
		PointsResponse total = new PointsResponse(userId, confirmation.total());
		switch (confirmation.outcome()) {
			case ADDED:
				return ResponseEntity.ok(total);
			case DUPLICATE:
				// The same answer as the first time, marked so that a client can tell a retry was recognised.
				return ResponseEntity.ok().header(IDEMPOTENT_REPLAYED, "true").body(total);
			case REFUSED_OVERFLOW:
				throw overflow(userId, amount, confirmation.total());
			default:
				throw new IllegalStateException("Unknown outcome " + confirmation.outcome());
		}
	}

	/**
	 * 422: the request is well formed, but the account cannot take it. Retrying cannot help, so
	 * this is not a 503; it is thrown for {@link ApiExceptionHandler} to render like every error.
	 */
	private static ErrorResponseException overflow(String userId, int amount, int total) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT,
				"Adding " + amount + " points to " + userId + "'s total of " + total + " would overflow it (at most "
						+ Integer.MAX_VALUE + "); nothing was added.");
		problem.setTitle("Points refused");
		return new ErrorResponseException(HttpStatus.UNPROCESSABLE_CONTENT, problem, null);
	}

}
