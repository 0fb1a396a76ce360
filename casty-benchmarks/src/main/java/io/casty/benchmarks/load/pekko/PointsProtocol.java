package io.casty.benchmarks.load.pekko;

/**
 * The account's messages in Pekko. Classic sharding routes by the entity id each message
 * carries; replies are plain {@code Integer}s (Pekko serializes those itself).
 */
public final class PointsProtocol {

	/** What an account accepts; bound to {@link PointsSerializer}. */
	public sealed interface Message permits AddPoints, AddAndGet, GetPoints {

		String entityId();
	}

	/** Adds points; no reply. */
	public record AddPoints(String entityId, int amount) implements Message {
	}

	/** Adds points and replies with the new total. */
	public record AddAndGet(String entityId, int amount) implements Message {
	}

	/** Replies with the total. */
	public record GetPoints(String entityId) implements Message {
	}

	private PointsProtocol() {
	}
}
