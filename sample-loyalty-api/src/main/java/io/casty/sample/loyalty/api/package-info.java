/**
 * The loyalty sample's REST API: {@code /users/{userId}/points}, backed by the cluster through
 * the Casty Spring Boot starter.
 */
package io.casty.sample.loyalty.api;
