/**
 * The journal SPI: where event-sourced entities keep their events and snapshots.
 */
package io.casty.persistence.journal;
