package io.casty.spring.autoconfigure.node.health;

import io.casty.persistence.journal.Journal;
import io.casty.persistence.journal.JournalHealth;
import java.util.Objects;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * The journal's health: UP while its database answers and its schema is applied; DOWN with the
 * {@code reason} (and {@code since}) while the database is unreachable or the schema is not in
 * place yet. Entities cannot acknowledge anything while it is DOWN. While UP, a failure since
 * the last success shows as {@code lastProblem}. Runs a check against the database (a
 * connection from the pool and a validity check, at most 2 s).
 */
public class CastyJournalHealthIndicator extends AbstractHealthIndicator {

	private final Journal journal;

	public CastyJournalHealthIndicator(Journal journal) {
		super("Casty journal health check failed");
		this.journal = Objects.requireNonNull(journal, "journal");
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		JournalHealth health = this.journal.health();
		builder.withDetail("store", health.store());
		health.problem()
			.ifPresent((problem) -> builder.withDetail(health.up() ? "lastProblem" : "reason", problem));
		health.since().ifPresent((since) -> builder.withDetail("since", since.toString()));
		if (health.up()) {
			builder.up();
		}
		else {
			builder.down();
		}
	}

}
