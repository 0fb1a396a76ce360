/**
 * Auto-configuration of the Casty health indicator.
 */
package io.casty.spring.autoconfigure.health;
