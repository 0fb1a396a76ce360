package io.casty.client;

import io.casty.actor.NodeAddress;
import io.casty.protocol.ShardLocation;
import io.casty.remote.Connection;
import io.casty.remote.EncodedMessage;
import io.casty.remote.NettyTransport;
import io.casty.sharding.ShardEnvelope;
import io.casty.sharding.ShardHash;
import io.casty.topology.ShardAllocation;
import io.casty.topology.TopologySnapshot;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends each {@link ShardEnvelope} straight to the node that owns its shard.
 *
 * <p>The owner comes from the {@link RoutingTable}, read through one volatile field, and a
 * message goes to it only over an open connection. A message whose owner is not known yet, not
 * reachable, or not connected yet is encoded anyway (so encoding errors reach the caller), then
 * waits in a bounded buffer until a topology update, a location answer or a newly opened
 * connection makes it routable. While anything waits, new messages take the locked path and
 * flush what became routable first, so messages to one entity leave in the order they were sent.
 */
final class ShardRouter {

	private static final Logger logger = LoggerFactory.getLogger(ShardRouter.class);

	private record Waiting(String shardType, int numShards, int shard, EncodedMessage message, PendingAsk<?> ask) {
	}

	private final NettyTransport transport;

	private final SentAsks sentAsks;

	private final int bufferSize;

	private final BiConsumer<String, Integer> locate;

	private final ArrayDeque<Waiting> waiting = new ArrayDeque<>();

	private volatile int waitingCount;

	private volatile RoutingTable table = RoutingTable.EMPTY;

	// Guarded by the lock on waiting.
	private final Set<NodeAddress> unreachableOwners = new HashSet<>();

	/** Set by {@link #resubscribed}: the next topology is adopted even if its epoch is lower. */
	private boolean adoptNextTopology;

	/**
	 * @param sentAsks told which connection each ask's request went out on
	 * @param locate asks the cluster who owns a shard (type, shard); the answer comes back
	 *     through {@link #onLocation}
	 */
	ShardRouter(NettyTransport transport, SentAsks sentAsks, int bufferSize, BiConsumer<String, Integer> locate) {
		this.transport = transport;
		this.sentAsks = sentAsks;
		this.bufferSize = bufferSize;
		this.locate = locate;
	}

	RoutingTable table() {
		return table;
	}

	int waitingCount() {
		return waitingCount;
	}

	void tell(EntityRef<?> ref, ShardEnvelope<?> envelope) {
		send(ref, envelope, null);
	}

	void send(EntityRef<?> ref, ShardEnvelope<?> envelope, PendingAsk<?> ask) {
		EncodedMessage message = transport.encode(ref.regionPath(), envelope);
		int shard = ShardHash.shardOf(envelope.entityId(), ref.numShards());
		if (waitingCount == 0 && dispatch(owner(ref, shard), message, ask)) {
			return;
		}
		synchronized (waiting) {
			flushRoutable();
			if (dispatch(owner(ref, shard), message, ask)) {
				return;
			}
			if (waiting.size() >= bufferSize) {
				throw new ClientBufferFullException("Cannot buffer a message for entity '" + envelope.entityId() + "' of '"
						+ ref.shardType() + "': " + bufferSize + " messages already wait for their shard's owner");
			}
			waiting.add(new Waiting(ref.shardType(), ref.numShards(), shard, message, ask));
			waitingCount = waiting.size();
		}
		locate.accept(ref.shardType(), shard);
	}

	private NodeAddress owner(EntityRef<?> ref, int shard) {
		RoutingTable current = table;
		ShardAllocation allocation = current.allocation(ref.shardType());
		if (allocation == null) {
			Optional<UnknownShardTypeException> unknown = UnknownShardTypeException.ifNotHosted(current.snapshot(),
					ref.shardType());
			if (unknown.isPresent()) {
				throw unknown.get();
			}
			return null;
		}
		if (allocation.numShards() != ref.numShards()) {
			throw new IllegalArgumentException("Shard type '" + ref.shardType() + "' has " + allocation.numShards()
					+ " shards in the cluster, but this client uses " + ref.numShards()
					+ "; configure the same number of shards as the nodes");
		}
		return allocation.ownerOf(shard);
	}

	/**
	 * Sends the message to the owner if this client's connection to it is open; else it must
	 * wait. A message queued on a connection still opening is lost if that connection fails; one
	 * that waits instead is sent once the connection opens ({@link #reachable}) or the shard gets
	 * another owner. Opening connections is the subscription's job (to every active member, and
	 * again with backoff after a failure), not the router's: a router that dialled the owner of
	 * each message would redial a dead node for every message sent to it.
	 *
	 * @param owner the shard's owner, null when not known
	 * @return whether the message was sent
	 */
	private boolean dispatch(NodeAddress owner, EncodedMessage message, PendingAsk<?> ask) {
		Connection connection = owner == null ? null : transport.sendIfConnected(owner, message);
		if (connection == null) {
			return false;
		}
		if (ask != null) {
			sentAsks.sent(ask, connection);
		}
		return true;
	}

	/** A new topology: adopt it if newer, then send whatever became routable. */
	void onTopology(TopologySnapshot snapshot) {
		synchronized (waiting) {
			boolean first = adoptNextTopology;
			adoptNextTopology = false;
			if (snapshot.epoch() < table.epoch()) {
				if (!first) {
					return;
				}
				// Epochs count within one cluster's life: a cluster stopped and started again begins
				// anew, below what this client saw of the old one. Within one subscription epochs
				// only grow, so the first snapshot of a new one is the cluster as it is now.
				logger.info("The cluster's topology epoch went back from {} to {}: the cluster was restarted; "
						+ "routing by the new topology", table.epoch(), snapshot.epoch());
			}
			Set<NodeAddress> members = new HashSet<>();
			snapshot.members().forEach(member -> members.add(member.address()));
			unreachableOwners.retainAll(members);
			table = RoutingTable.of(snapshot, unreachableOwners);
			flushRoutable();
		}
	}

	/**
	 * The client subscribed at a contact point (again): its first topology replaces whatever the
	 * client knew, even with a lower epoch, since the cluster may have been restarted meanwhile.
	 */
	void resubscribed() {
		synchronized (waiting) {
			adoptNextTopology = true;
		}
	}

	/**
	 * The connection to {@code owner} failed: stop sending to it. Its shards' messages wait
	 * until it is reachable again ({@link #reachable}) or a topology gives them another owner.
	 */
	void unreachable(NodeAddress owner) {
		synchronized (waiting) {
			if (unreachableOwners.add(owner) && table.snapshot() != null) {
				logger.info("Node {} is unreachable from this client; its shards' messages wait", owner.hostPort());
				table = RoutingTable.of(table.snapshot(), unreachableOwners);
			}
		}
	}

	/** A connection to {@code owner} opened: route to it and flush what waited for it. */
	void reachable(NodeAddress owner) {
		synchronized (waiting) {
			if (unreachableOwners.remove(owner) && table.snapshot() != null) {
				logger.info("Node {} is reachable again from this client", owner.hostPort());
				table = RoutingTable.of(table.snapshot(), unreachableOwners);
			}
			flushRoutable();
		}
	}

	/** Whether the client stopped sending to {@code node} after its connection failed. */
	boolean isUnreachable(NodeAddress node) {
		synchronized (waiting) {
			return unreachableOwners.contains(node);
		}
	}

	/** An answer to a location query: fill in that one shard, then flush. */
	void onLocation(ShardLocation location) {
		if (location.owner() == null) {
			logger.debug("The cluster knows no owner of shard {} of '{}' yet", location.shard(), location.shardType());
			return;
		}
		synchronized (waiting) {
			if (location.epoch() < table.epoch()) {
				return;
			}
			if (unreachableOwners.contains(location.owner())) {
				// The cluster has not noticed yet what this client has: the owner's connection
				// failed. Sending there would lose the messages; they wait for a new owner instead.
				logger.debug("The cluster places shard {} of '{}' on {}, which this client cannot reach; its messages "
						+ "keep waiting", location.shard(), location.shardType(), location.owner().hostPort());
				return;
			}
			table = table.withOwner(location.shardType(), location.numShards(), location.shard(), location.owner());
			flushRoutable();
		}
	}

	/** Must hold the lock on {@link #waiting}. */
	private void flushRoutable() {
		if (waiting.isEmpty()) {
			return;
		}
		RoutingTable current = table;
		for (Iterator<Waiting> it = waiting.iterator(); it.hasNext();) {
			Waiting next = it.next();
			if (next.ask() != null && next.ask().isDone()) {
				it.remove();
				continue;
			}
			ShardAllocation allocation = current.allocation(next.shardType());
			NodeAddress owner = allocation == null || allocation.numShards() != next.numShards() ? null
					: allocation.ownerOf(next.shard());
			if (dispatch(owner, next.message(), next.ask())) {
				it.remove();
			}
		}
		waitingCount = waiting.size();
	}

	/** Drops a waiting ask's message (its ask timed out, so it must not run later). */
	void forget(PendingAsk<?> ask) {
		synchronized (waiting) {
			for (Iterator<Waiting> it = waiting.iterator(); it.hasNext();) {
				Waiting next = it.next();
				if (next.ask() == ask) {
					it.remove();
				}
			}
			waitingCount = waiting.size();
		}
	}

	/** Drops everything waiting, on close. */
	void clear() {
		synchronized (waiting) {
			waiting.clear();
			waitingCount = 0;
		}
	}
}
