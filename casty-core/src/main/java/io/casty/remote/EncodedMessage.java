package io.casty.remote;

/**
 * A message already encoded as a frame, not yet sent: plain bytes, so one that is never sent
 * needs no releasing.
 *
 * @param frame the whole frame, length field included
 * @param type the class of the message inside
 */
public record EncodedMessage(byte[] frame, Class<?> type) {
}
