package io.casty.sample.loyalty.api;

/**
 * The body of {@code GET /users/{userId}/points}: {@code {"userId": "user-1", "points": 150}}.
 *
 * @param userId the user
 * @param points the user's total
 */
public record PointsResponse(String userId, int points) {

}
