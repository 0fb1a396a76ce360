/**
 * Health indicator for the Casty cluster client, usable without auto-configuration.
 */
package io.casty.spring.health;
