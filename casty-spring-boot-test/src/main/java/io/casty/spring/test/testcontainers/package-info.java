/**
 * Testcontainers support: {@link io.casty.spring.test.testcontainers.CastyNodeContainer}, a node
 * from the node application's image, and its {@code @ServiceConnection}.
 */
package io.casty.spring.test.testcontainers;
