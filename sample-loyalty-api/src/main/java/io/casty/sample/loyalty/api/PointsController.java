package io.casty.sample.loyalty.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import java.util.concurrent.CompletableFuture;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /users/{userId}/points}: POST adds points (202, fire and forget), GET answers the total.
 * The GET returns a future, so a request thread never waits for the cluster. Invalid input is
 * rejected before it reaches the cluster; {@link ApiExceptionHandler} turns every failure into
 * problem details.
 */
@RestController
@RequestMapping("/users/{userId}/points")
class PointsController {

	/** Letters, digits, '.', '_' and '-', 1 to 64 of them: safe in a URL path and in logs. */
	static final String USER_ID = "[A-Za-z0-9._-]{1,64}";

	private static final String USER_ID_MESSAGE = "must be 1 to 64 letters, digits, '.', '_' or '-'";

	private final LoyaltyAccounts accounts;

	PointsController(LoyaltyAccounts accounts) {
		this.accounts = accounts;
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	@ResponseStatus(HttpStatus.ACCEPTED)
	void addPoints(@PathVariable @Pattern(regexp = USER_ID, message = USER_ID_MESSAGE) String userId,
			@Valid @RequestBody AddPointsRequest request) {
		this.accounts.addPoints(userId, request.amount());
	}

	@GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
	CompletableFuture<PointsResponse> points(
			@PathVariable @Pattern(regexp = USER_ID, message = USER_ID_MESSAGE) String userId) {
		return this.accounts.points(userId).thenApply((points) -> new PointsResponse(userId, points));
	}

}
