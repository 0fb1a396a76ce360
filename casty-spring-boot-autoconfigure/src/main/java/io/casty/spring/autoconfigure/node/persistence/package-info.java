/**
 * The node's journal and event-sourced entities' runtime, wired by Spring Boot's conventions.
 */
package io.casty.spring.autoconfigure.node.persistence;
