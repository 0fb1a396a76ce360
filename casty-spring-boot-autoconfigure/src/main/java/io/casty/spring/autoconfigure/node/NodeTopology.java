package io.casty.spring.autoconfigure.node;

import io.casty.actor.ActorAddress;
import io.casty.actor.ActorRef;
import io.casty.actor.NodeAddress;
import io.casty.actor.TemporaryRef;
import io.casty.cluster.ClusteredActorSystem;
import io.casty.protocol.ProtocolPaths;
import io.casty.protocol.SubscribeTopology;
import io.casty.protocol.UnsubscribeTopology;
import io.casty.topology.Member;
import io.casty.topology.TopologySnapshot;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The topology the local node publishes, exactly as its clients receive it: this subscribes to
 * the node's topology publisher like a client does and keeps the latest snapshot, so readers
 * (health, metrics) take no lock and do no I/O.
 *
 * <p>{@link ClusteredActorSystem#topology()} is not enough here: it only takes snapshots with a
 * higher epoch, and the epoch counts allocation changes, so membership-only changes (a member
 * becoming unreachable, a leaving member being removed) never reach it.
 */
public final class NodeTopology implements Supplier<Optional<TopologySnapshot>>, AutoCloseable {

	private final ActorRef<Object> publisher;

	private final TemporaryRef<TopologySnapshot> subscriber;

	private final AtomicReference<TopologySnapshot> latest = new AtomicReference<>();

	/**
	 * Subscribes to a node's topology.
	 * @param node the local node
	 */
	@SuppressWarnings("unchecked")
	public NodeTopology(ClusteredActorSystem node) {
		this.publisher = (ActorRef<Object>) node.resolve(new ActorAddress(node.address(), ProtocolPaths.TOPOLOGY));
		this.subscriber = node.actorSystem().temporaryRef(this::update);
		this.publisher.tell(new SubscribeTopology(this.subscriber));
	}

	/** Keeps the newest snapshot; like a client, it takes a snapshot of the same epoch too. */
	private void update(TopologySnapshot snapshot) {
		this.latest.accumulateAndGet(withUnreachableMembersOnly(snapshot),
				(current, next) -> (current == null || next.epoch() >= current.epoch()) ? next : current);
	}

	/**
	 * Drops from the unreachable set the addresses that are no longer members: a member that
	 * left stays in the node's published unreachable set until some later change republishes
	 * the topology, and would otherwise show as unreachable long after it is gone.
	 */
	private static TopologySnapshot withUnreachableMembersOnly(TopologySnapshot snapshot) {
		Set<NodeAddress> members = snapshot.members().stream().map(Member::address).collect(Collectors.toSet());
		if (members.containsAll(snapshot.unreachable())) {
			return snapshot;
		}
		Set<NodeAddress> unreachable = snapshot.unreachable()
			.stream()
			.filter(members::contains)
			.collect(Collectors.toSet());
		return new TopologySnapshot(snapshot.members(), unreachable, snapshot.leader(), snapshot.allocations(),
				snapshot.epoch());
	}

	/**
	 * The latest topology the node published, if any yet.
	 * @return the snapshot, or empty while the node has published none
	 */
	@Override
	public Optional<TopologySnapshot> get() {
		return Optional.ofNullable(this.latest.get());
	}

	@Override
	public void close() {
		this.publisher.tell(new UnsubscribeTopology(this.subscriber));
		this.subscriber.release();
	}

}
