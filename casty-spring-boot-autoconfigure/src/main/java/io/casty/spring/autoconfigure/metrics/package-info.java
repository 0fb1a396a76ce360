/**
 * Auto-configuration of Casty client metrics.
 */
package io.casty.spring.autoconfigure.metrics;
