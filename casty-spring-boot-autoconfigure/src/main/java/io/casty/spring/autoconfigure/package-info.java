/**
 * Auto-configuration of the Casty cluster client: {@code casty.client.*} properties, connection
 * details, the {@link io.casty.client.ClusterClient} bean and {@link io.casty.client.EntityRef}
 * beans.
 */
package io.casty.spring.autoconfigure;
