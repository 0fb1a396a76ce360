package io.casty.remote;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A secret shared by every node and client of a cluster, proven in the handshake by
 * challenge–response: each side answers the other's fresh nonce with an HMAC-SHA256 over both
 * nonces, a role label and its own address. The secret itself never crosses the wire, and a
 * recorded proof is useless on another connection.
 */
final class ClusterSecret {

	static final int NONCE_SIZE = 16;

	static final int PROOF_SIZE = 32;

	/** Shorter secrets are refused: they would be guessable offline from one recorded handshake. */
	static final int MIN_LENGTH = 16;

	private static final String ALGORITHM = "HmacSHA256";

	private static final SecureRandom RANDOM = new SecureRandom();

	private final SecretKeySpec key;

	private ClusterSecret(String secret) {
		this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
	}

	static ClusterSecret of(String secret) {
		if (secret == null || secret.length() < MIN_LENGTH) {
			throw new IllegalArgumentException("clusterSecret : " + (secret == null ? "null" : secret.length() + " characters")
					+ " (expected: at least " + MIN_LENGTH + " characters)");
		}
		return new ClusterSecret(secret);
	}

	static byte[] nonce() {
		byte[] nonce = new byte[NONCE_SIZE];
		RANDOM.nextBytes(nonce);
		return nonce;
	}

	/** What a node sends to prove the secret to the peer that sent {@code peerNonce}. */
	byte[] nodeProof(byte[] peerNonce, byte[] nodeNonce, String nodeAddress) {
		return hmac("casty-node", peerNonce, nodeNonce, nodeAddress);
	}

	/** What the connecting peer sends back to prove the secret to the node. */
	byte[] peerProof(byte[] nodeNonce, byte[] peerNonce, String peerAddress) {
		return hmac("casty-peer", nodeNonce, peerNonce, peerAddress);
	}

	/** Compares in constant time, so timing reveals nothing about where a proof differs. */
	static boolean matches(byte[] expected, byte[] actual) {
		return MessageDigest.isEqual(expected, actual);
	}

	private byte[] hmac(String role, byte[] first, byte[] second, String address) {
		try {
			Mac mac = Mac.getInstance(ALGORITHM);
			mac.init(key);
			mac.update(role.getBytes(StandardCharsets.UTF_8));
			mac.update(first);
			mac.update(second);
			mac.update(address.getBytes(StandardCharsets.UTF_8));
			return mac.doFinal();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is required of every JVM", ex);
		}
	}
}
