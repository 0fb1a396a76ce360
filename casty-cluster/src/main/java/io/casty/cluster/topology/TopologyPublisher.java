package io.casty.cluster.topology;

import io.casty.actor.ActorRef;
import io.casty.actor.Behavior;
import io.casty.actor.Behaviors;
import io.casty.actor.NodeAddress;
import io.casty.protocol.GetShardLocation;
import io.casty.protocol.ShardLocation;
import io.casty.protocol.SubscribeTopology;
import io.casty.protocol.UnsubscribeTopology;
import io.casty.topology.ShardAllocation;
import io.casty.topology.TopologySnapshot;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Internal: serves {@code /system/topology}: keeps the subscribers (local shard regions and remote
 * clients), pushes every new {@link TopologySnapshot} to all of them, answers
 * {@link GetShardLocation}, and forgets the subscribers of a peer whose connection closed.
 *
 * <p>Remote subscribers also get the current snapshot again every heartbeat interval, changed
 * or not, so a client can tell a live subscription from a dead one.
 */
public final class TopologyPublisher {

	private static final Logger logger = LoggerFactory.getLogger(TopologyPublisher.class);

	/** A new snapshot to push (from the node's coordinator). */
	public record Publish(TopologySnapshot snapshot) {
	}

	/** The connection to a peer closed: drop its subscribers. */
	public record PeerGone(NodeAddress peer) {
	}

	private enum Heartbeat {

		TICK

	}

	private final Set<ActorRef<TopologySnapshot>> subscribers = new HashSet<>();

	private final NodeAddress self;

	private TopologySnapshot current;

	private TopologyPublisher(NodeAddress self) {
		this.self = self;
	}

	/**
	 * The behavior; accepts the protocol messages and {@link Publish} / {@link PeerGone}.
	 *
	 * @param heartbeatInterval how often remote subscribers get the current snapshot again
	 */
	public static Behavior<Object> create(Duration heartbeatInterval) {
		return Behaviors.setup(context -> {
			context.system().tellEvery(heartbeatInterval, context.self(), Heartbeat.TICK);
			return new TopologyPublisher(context.system().address()).behavior();
		});
	}

	private Behavior<Object> behavior() {
		return Behaviors.receiveMessage(message -> {
			if (message instanceof Publish publish) {
				publish(publish.snapshot());
			}
			else if (message instanceof SubscribeTopology subscribe) {
				subscribe(subscribe.subscriber());
			}
			else if (message instanceof UnsubscribeTopology unsubscribe) {
				subscribers.remove(unsubscribe.subscriber());
			}
			else if (message instanceof GetShardLocation query) {
				query.replyTo().tell(locate(query));
			}
			else if (message instanceof PeerGone gone) {
				dropSubscribersOf(gone.peer());
			}
			else if (message == Heartbeat.TICK) {
				heartbeat();
			}
			else {
				logger.warn("Ignoring unexpected {} sent to the topology publisher", message.getClass().getName());
			}
			return Behaviors.same();
		});
	}

	private void publish(TopologySnapshot snapshot) {
		if (current != null && (snapshot.epoch() < current.epoch() || snapshot.equals(current))) {
			return;
		}
		current = snapshot;
		subscribers.forEach(subscriber -> subscriber.tell(snapshot));
	}

	private void heartbeat() {
		if (current != null) {
			subscribers.stream()
				.filter(subscriber -> !subscriber.address().node().equals(self))
				.forEach(subscriber -> subscriber.tell(current));
		}
	}

	private void subscribe(ActorRef<TopologySnapshot> subscriber) {
		if (subscribers.add(subscriber)) {
			logger.debug("Topology subscriber {} added ({} in all)", subscriber.address(), subscribers.size());
		}
		if (current != null) {
			subscriber.tell(current);
		}
	}

	private ShardLocation locate(GetShardLocation query) {
		ShardAllocation allocation = current == null ? null : current.allocations().get(query.shardType());
		long epoch = current == null ? 0 : current.epoch();
		if (allocation == null) {
			return new ShardLocation(query.shardType(), 0, query.shard(), null, epoch);
		}
		return new ShardLocation(query.shardType(), allocation.numShards(), query.shard(),
				allocation.ownerOf(query.shard()), epoch);
	}

	private void dropSubscribersOf(NodeAddress peer) {
		if (subscribers.removeIf(subscriber -> subscriber.address().node().equals(peer))) {
			logger.debug("Dropped the topology subscribers of {} (connection closed); {} left", peer,
					subscribers.size());
		}
	}
}
