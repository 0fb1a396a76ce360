/**
 * Auto-configuration of Casty client observations.
 */
package io.casty.spring.autoconfigure.observation;
