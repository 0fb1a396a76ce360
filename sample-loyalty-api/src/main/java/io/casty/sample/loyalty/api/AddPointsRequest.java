package io.casty.sample.loyalty.api;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

/**
 * The body of {@code POST /users/{userId}/points}: {@code {"amount": 100}}.
 *
 * @param amount the points to add; a positive integer
 */
public record AddPointsRequest(@NotNull(message = "is required") @Positive(
		message = "must be a positive integer") Integer amount) {

}
