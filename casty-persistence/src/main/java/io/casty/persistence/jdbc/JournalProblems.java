package io.casty.persistence.jdbc;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The journal's last failure since its last success, for its health: an unreachable database
 * is seen by the operations that fail on it, before a health check runs.
 */
final class JournalProblems {

	record Problem(String description, Instant since) {
	}

	private final AtomicReference<Problem> current = new AtomicReference<>();

	void failed(String operation, Throwable cause) {
		String description = operation + " failed: " + cause.getMessage();
		current.getAndUpdate((previous) -> new Problem(description, (previous != null) ? previous.since() : Instant.now()));
	}

	void succeeded() {
		if (current.get() != null) {
			current.set(null);
		}
	}

	Optional<Problem> current() {
		return Optional.ofNullable(current.get());
	}
}
