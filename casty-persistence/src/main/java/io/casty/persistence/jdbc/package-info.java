/**
 * The JDBC journal: PostgreSQL for a cluster, H2 for one machine, with group commit.
 */
package io.casty.persistence.jdbc;
