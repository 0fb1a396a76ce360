/**
 * The loyalty sample's messages: a loyalty account per user, which adds points and answers its
 * total. Shared by the node application that hosts the accounts and the REST API that reaches
 * them.
 */
package io.casty.sample.loyalty;
