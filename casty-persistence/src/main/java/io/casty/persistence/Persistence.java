package io.casty.persistence;

import io.casty.actor.Behavior;
import io.casty.cluster.EntityType;
import io.casty.logging.RateLimitedWarnings;
import io.casty.persistence.journal.Journal;
import io.casty.serialization.MessageRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;

/**
 * Runs {@link EventSourcedEntity event-sourced entities} on a node, with one journal and one
 * set of settings for all of them.
 *
 * <pre>{@code
 * Persistence persistence = Persistence.builder(journal, registry).snapshotEvery(100).build();
 * EntityType<LoyaltyCommand> loyalty = persistence.entityType("loyalty", 10, LoyaltyAccount::new);
 * node.shardRegion(loyalty);
 * }</pre>
 *
 * <p>An entity's persistence id is {@code <entity type>|<entity id>}: the same wherever its
 * shard lives, so any node recovers it.
 */
public final class Persistence {

	/** A snapshot after this many events, unless set. */
	public static final int DEFAULT_SNAPSHOT_EVERY = 100;

	/** How long an entity may take to read its state back, unless set. */
	public static final Duration DEFAULT_RECOVERY_TIMEOUT = Duration.ofSeconds(3);

	/** How long the journal may take to confirm an append, unless set. */
	public static final Duration DEFAULT_APPEND_TIMEOUT = Duration.ofSeconds(3);

	/** Commands that may wait for an entity's recovery or append, unless set. */
	public static final int DEFAULT_STASH_CAPACITY = 1_000;

	/** The first delay before an entity recovers again after a journal failure, unless set. */
	public static final Duration DEFAULT_MIN_BACKOFF = Duration.ofMillis(200);

	/** The longest such delay, unless set. */
	public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(5);

	private final Journal journal;

	private final EventCodec codec;

	private final int snapshotEvery;

	private final Duration recoveryTimeout;

	private final Duration appendTimeout;

	private final int stashCapacity;

	private final Duration minBackoff;

	private final Duration maxBackoff;

	private final PersistenceListener listener;

	private final RateLimitedWarnings warnings = new RateLimitedWarnings("entity commands dropped");

	private final PersistObservations observations;

	private Persistence(Builder builder) {
		this.journal = builder.journal;
		this.codec = new EventCodec(builder.registry);
		this.snapshotEvery = builder.snapshotEvery;
		this.recoveryTimeout = builder.recoveryTimeout;
		this.appendTimeout = builder.appendTimeout;
		this.stashCapacity = builder.stashCapacity;
		this.minBackoff = builder.minBackoff;
		this.maxBackoff = builder.maxBackoff;
		this.listener = builder.listener;
		this.observations = new PersistObservations(builder.observationRegistry);
	}

	/**
	 * @param journal where the entities' events and snapshots go
	 * @param registry the classes allowed in events and snapshots (usually the node's message
	 *     registry, holding the events and state classes too)
	 */
	public static Builder builder(Journal journal, MessageRegistry registry) {
		return new Builder(journal, registry);
	}

	/**
	 * An entity type whose entities are event-sourced.
	 * @param name the shard type
	 * @param numShards how many shards
	 * @param entities the logic of the entity with a given id
	 */
	public <C> EntityType<C> entityType(String name, int numShards,
			Function<String, ? extends EventSourcedEntity<C, ?, ?>> entities) {
		Objects.requireNonNull(entities, "entities");
		return EntityType.of(name, numShards, (entityId) -> behavior(name + "|" + entityId, entities.apply(entityId)));
	}

	/**
	 * The behavior of one event-sourced entity, for an actor outside sharding.
	 * @param persistenceId the entity's key in the journal, unique and stable
	 * @param entity its logic
	 */
	public <C> Behavior<C> behavior(String persistenceId, EventSourcedEntity<C, ?, ?> entity) {
		Objects.requireNonNull(persistenceId, "persistenceId");
		Objects.requireNonNull(entity, "entity");
		return EventSourcedRunner.behavior(persistenceId, entity, this);
	}

	public Journal journal() {
		return journal;
	}

	EventCodec codec() {
		return codec;
	}

	int snapshotEvery() {
		return snapshotEvery;
	}

	Duration recoveryTimeout() {
		return recoveryTimeout;
	}

	Duration appendTimeout() {
		return appendTimeout;
	}

	int stashCapacity() {
		return stashCapacity;
	}

	PersistenceListener listener() {
		return listener;
	}

	RateLimitedWarnings warnings() {
		return warnings;
	}

	PersistObservations observations() {
		return observations;
	}

	/** The delay before the next recovery: the minimum at first, doubling up to the maximum. */
	Duration nextBackoff(Duration previous) {
		if (previous.isZero()) {
			return minBackoff;
		}
		Duration doubled = previous.multipliedBy(2);
		return (doubled.compareTo(maxBackoff) > 0) ? maxBackoff : doubled;
	}

	/** Configures {@link Persistence}. */
	public static final class Builder {

		private final Journal journal;

		private final MessageRegistry registry;

		private int snapshotEvery = DEFAULT_SNAPSHOT_EVERY;

		private Duration recoveryTimeout = DEFAULT_RECOVERY_TIMEOUT;

		private Duration appendTimeout = DEFAULT_APPEND_TIMEOUT;

		private int stashCapacity = DEFAULT_STASH_CAPACITY;

		private Duration minBackoff = DEFAULT_MIN_BACKOFF;

		private Duration maxBackoff = DEFAULT_MAX_BACKOFF;

		private PersistenceListener listener = PersistenceListener.NONE;

		private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

		private Builder(Journal journal, MessageRegistry registry) {
			this.journal = Objects.requireNonNull(journal, "journal");
			this.registry = Objects.requireNonNull(registry, "registry");
		}

		/** A snapshot every this many events (0: never), which bounds what a recovery replays. */
		public Builder snapshotEvery(int snapshotEvery) {
			if (snapshotEvery < 0) {
				throw new IllegalArgumentException("snapshotEvery : " + snapshotEvery + " (expected: >= 0, 0 for never)");
			}
			this.snapshotEvery = snapshotEvery;
			return this;
		}

		/** How long an entity may take to read its state back; the commands waiting fail after it. */
		public Builder recoveryTimeout(Duration recoveryTimeout) {
			this.recoveryTimeout = positive("recoveryTimeout", recoveryTimeout);
			return this;
		}

		/** How long the journal may take to confirm an append before the command fails. */
		public Builder appendTimeout(Duration appendTimeout) {
			this.appendTimeout = positive("appendTimeout", appendTimeout);
			return this;
		}

		/** Commands that may wait, per entity, for its recovery or its append to end. */
		public Builder stashCapacity(int stashCapacity) {
			if (stashCapacity < 1) {
				throw new IllegalArgumentException("stashCapacity : " + stashCapacity + " (expected: >= 1)");
			}
			this.stashCapacity = stashCapacity;
			return this;
		}

		/** The delays before an entity recovers again after journal failures in a row. */
		public Builder backoff(Duration min, Duration max) {
			positive("min backoff", min);
			positive("max backoff", max);
			if (max.compareTo(min) < 0) {
				throw new IllegalArgumentException("backoff : " + min + " to " + max + " (expected: min <= max)");
			}
			this.minBackoff = min;
			this.maxBackoff = max;
			return this;
		}

		/** What entities report as they recover, for metrics. */
		public Builder listener(PersistenceListener listener) {
			this.listener = Objects.requireNonNull(listener, "listener");
			return this;
		}

		/**
		 * Where the observations of entities persisting events go ({@code casty.entity.persist}:
		 * from the append to the journal's answer, with the persistence id and the number of
		 * events); give the node's registry, so that each is a child of the observation of the
		 * message that made the entity persist. {@link ObservationRegistry#NOOP} (the default)
		 * observes nothing.
		 */
		public Builder observationRegistry(ObservationRegistry registry) {
			this.observationRegistry = Objects.requireNonNull(registry, "registry");
			return this;
		}

		public Persistence build() {
			return new Persistence(this);
		}

		private static Duration positive(String name, Duration value) {
			Objects.requireNonNull(value, name);
			if (value.isNegative() || value.isZero()) {
				throw new IllegalArgumentException(name + " : " + value + " (expected: > 0)");
			}
			return value;
		}
	}
}
