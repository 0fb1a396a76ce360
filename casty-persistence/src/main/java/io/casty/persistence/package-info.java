/**
 * Event-sourced entities: {@link io.casty.persistence.EventSourcedEntity} is the logic,
 * {@link io.casty.persistence.Persistence} runs it on a node against a
 * {@link io.casty.persistence.journal.Journal}.
 */
package io.casty.persistence;
