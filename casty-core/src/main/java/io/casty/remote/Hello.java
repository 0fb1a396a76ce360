package io.casty.remote;

import io.casty.actor.NodeAddress;

/**
 * The first frame on every connection, sent by the side that connects.
 *
 * @param protocolVersion the wire protocol version the sender speaks
 * @param address the sender's own address; a client's has port 0
 * @param nonce fresh random bytes; the node's proof of the cluster secret covers them, so an
 *     old proof cannot be replayed
 */
record Hello(int protocolVersion, NodeAddress address, byte[] nonce) {
}
