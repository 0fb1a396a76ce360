/**
 * The loyalty sample's node: a plain Spring Boot application that the node starter
 * ({@code casty-node-spring-boot-starter}) makes a Casty node, hosting the loyalty accounts.
 */
package io.casty.node;
