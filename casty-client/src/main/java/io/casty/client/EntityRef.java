package io.casty.client;

import io.casty.actor.ActorRef;
import io.casty.protocol.ProtocolPaths;
import io.casty.sharding.ShardEnvelope;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * A client-side handle to one entity type (shard type) of the cluster: it routes each message
 * straight to the node that owns the entity's shard. Get one from
 * {@link ClusterClient#entityRef(String, int)}; it is cached per type and thread-safe.
 *
 * @param <M> the entity type's message type
 */
public final class EntityRef<M> {

	private final ClusterClient client;

	private final String shardType;

	private final int numShards;

	private final String regionPath;

	EntityRef(ClusterClient client, String shardType, int numShards) {
		this.client = client;
		this.shardType = shardType;
		this.numShards = numShards;
		this.regionPath = ProtocolPaths.shardRegion(shardType);
	}

	/** The entity type's name. */
	public String shardType() {
		return shardType;
	}

	/** The number of shards of the type; must match the cluster's. */
	public int numShards() {
		return numShards;
	}

	/** Where the type's envelopes go on a node. */
	String regionPath() {
		return regionPath;
	}

	/**
	 * Sends a message to one entity without waiting (at most once). If the shard's owner is not
	 * known yet, the message waits in the client's bounded buffer until it is.
	 *
	 * @throws io.casty.serialization.SerializationException when the message cannot be encoded
	 *     (for example, its class is not registered)
	 * @throws ClientBufferFullException when the message must wait and the buffer is full
	 * @throws UnknownShardTypeException when the topology shows the cluster does not host this
	 *     shard type
	 */
	public void tell(ShardEnvelope<M> envelope) {
		client.tell(this, envelope);
	}

	/** Same as {@code tell(new ShardEnvelope<>(entityId, message))}. */
	public void tell(String entityId, M message) {
		tell(new ShardEnvelope<>(entityId, message));
	}

	/**
	 * Sends a message that carries a reply address and returns the reply. The future fails with
	 * {@link AskTimeoutException} when no reply comes within {@code timeout},
	 * {@link ReplyLostException} shortly after the connection the message went out on closes
	 * before the reply came,
	 * {@link ClusterUnavailableException} when the message could not be sent at all,
	 * {@link AskLimitExceededException} when the client already has {@code maxInFlightAsks} asks
	 * in flight (the future has then already failed, and nothing was sent), or the exception that
	 * kept it from being encoded.
	 *
	 * @param entityId the entity's id
	 * @param message builds the message from the temporary reply address
	 * @param timeout how long to wait for the reply
	 */
	public <R> CompletableFuture<R> ask(String entityId, Function<ActorRef<R>, M> message, Duration timeout) {
		return client.ask(this, replyTo -> new ShardEnvelope<>(entityId, message.apply(replyTo)), timeout);
	}

	/** {@link #ask(String, Function, Duration)} with the client's default ask timeout. */
	public <R> CompletableFuture<R> ask(String entityId, Function<ActorRef<R>, M> message) {
		return ask(entityId, message, client.settings().askTimeout());
	}

	@Override
	public String toString() {
		return "EntityRef[" + shardType + ", " + numShards + " shards]";
	}
}
