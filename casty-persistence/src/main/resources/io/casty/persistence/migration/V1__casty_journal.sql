-- The event journal and the snapshot store. Portable between PostgreSQL and H2.
--
-- The primary key (persistence_id, seq_nr) is the fence: an entity appends its next events at
-- the sequence numbers after the last one it recovered, so a second, stale incarnation of the
-- same entity (a paused node, a partition) fails on the key instead of overwriting.
CREATE TABLE casty_event_journal (
    persistence_id VARCHAR(255) NOT NULL,
    seq_nr         BIGINT       NOT NULL,
    payload        BYTEA        NOT NULL,
    written_at     TIMESTAMP    DEFAULT CURRENT_TIMESTAMP NOT NULL,
    PRIMARY KEY (persistence_id, seq_nr)
);

-- The latest snapshot of each entity (older ones are deleted when a newer one is written).
CREATE TABLE casty_snapshot (
    persistence_id VARCHAR(255) NOT NULL,
    seq_nr         BIGINT       NOT NULL,
    payload        BYTEA        NOT NULL,
    written_at     TIMESTAMP    DEFAULT CURRENT_TIMESTAMP NOT NULL,
    PRIMARY KEY (persistence_id, seq_nr)
);
