package io.casty.remote;

import io.casty.actor.NodeAddress;

/**
 * The first frame on every connection, sent by the side that connects.
 *
 * @param protocolVersion the wire protocol version the sender speaks
 * @param address the sender's own address; a client's has port 0
 * @param uid a random number that tells apart two incarnations of the same address
 */
record Hello(int protocolVersion, NodeAddress address, long uid) {
}
