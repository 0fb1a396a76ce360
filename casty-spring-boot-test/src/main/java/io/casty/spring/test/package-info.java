/**
 * Test support for applications that reach a Casty cluster: {@link AutoConfigureCastyTestNode}
 * gives a Spring Boot test a real node in its JVM, hosting the test context's entity types.
 */
package io.casty.spring.test;
