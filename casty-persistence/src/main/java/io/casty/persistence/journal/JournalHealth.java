package io.casty.persistence.journal;

import java.time.Instant;
import java.util.Optional;

/**
 * The journal's health: whether it can work now (its store answered a check just now and its
 * schema is in place), and the last failure its work met since its last success.
 *
 * @param up whether the journal can work now
 * @param problem why it is down; while up, the last failure since the last success, if any
 * @param since when that problem was first seen
 * @param store what the journal writes to, for people (e.g. {@code PostgreSQL 15.18})
 */
public record JournalHealth(boolean up, Optional<String> problem, Optional<Instant> since, String store) {
}
