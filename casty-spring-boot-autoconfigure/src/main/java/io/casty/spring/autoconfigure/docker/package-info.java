/**
 * Spring Boot Docker Compose support: a compose service running a Casty node as the client's
 * connection details.
 */
package io.casty.spring.autoconfigure.docker;
