package io.casty.cluster.membership;

import io.casty.actor.ActorRef;
import io.casty.actor.NodeAddress;
import io.casty.cluster.membership.ClusterMessages.MembershipCheck;
import io.casty.cluster.membership.ClusterMessages.MembershipCheckReply;
import io.casty.cluster.sharding.HostingLease;
import io.casty.cluster.sharding.RegionView;
import io.casty.cluster.sharding.TypeAllocation;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Whether this node's shard regions may run their entities and hand them messages, and what the
 * regions are told of it. The split-brain strategy decides whether they run their entities at all
 * ({@link KeepMajority}), and the hosting lease, extended only while the node may lead, whether
 * they may hand them messages now ({@link HostingLeaseRenewal}). Each region
 * gets a {@link RegionView} of its type when it registers and whenever the allocation, the
 * leader or whether the node hosts may have changed, without an allocation while the node
 * stopped its entities (its regions keep their messages); and every lease granted, after any view
 * of the same moment, so that a region applies a move before it hands over what waited. Not
 * thread-safe: the cluster daemon owns it.
 */
final class Hosting {

	private final KeepMajority majority;

	private final HostingLeaseRenewal lease;

	private final Map<String, ActorRef<Object>> regions = new HashMap<>();

	/** Told whether this node's regions may run their entities, whenever that changes. */
	private final Consumer<Boolean> hostsEntities;

	/** Asks for {@link #judge} again after a while. */
	private final Consumer<Duration> judgeAgainAfter;

	/**
	 * @param majority the split-brain strategy as this node applies it
	 * @param lease this node's hosting lease
	 * @param hostsEntities told whether this node's regions may run their entities, whenever that changes
	 * @param judgeAgainAfter asks its owner to call {@link #judge} again after the given time
	 */
	Hosting(KeepMajority majority, HostingLeaseRenewal lease, Consumer<Boolean> hostsEntities,
			Consumer<Duration> judgeAgainAfter) {
		this.majority = majority;
		this.lease = lease;
		this.hostsEntities = hostsEntities;
		this.judgeAgainAfter = judgeAgainAfter;
	}

	/**
	 * Applies the split-brain strategy to the reachability just judged; see {@link KeepMajority}.
	 *
	 * @param unreachable the members this node cannot reach
	 * @param pickedForDowning whether the gossiped verdict picks this node for downing
	 * @return whether the regions must stop or may restart their entities: their views change
	 */
	boolean judge(Gossip gossip, Set<NodeAddress> unreachable, boolean pickedForDowning, long nowNanos) {
		boolean mayLead = majority.mayLead();
		boolean hostingChanged = majority.judge(gossip.members().values(), unreachable, pickedForDowning, nowNanos);
		if (mayLead && !majority.mayLead()) {
			judgeAgainAfter.accept(majority.stopEntitiesAfter());
		}
		if (hostingChanged) {
			hostsEntities.accept(majority.hostsEntities());
		}
		return hostingChanged;
	}

	/** A region registered: it gets its view and the current lease at once. */
	void register(String type, ActorRef<Object> region, Gossip gossip, NodeAddress leader) {
		regions.put(type, region);
		region.tell(viewOf(type, gossip, leader));
		region.tell(lease.current());
	}

	/** Tells every region its type's view. */
	void tellViews(Gossip gossip, NodeAddress leader) {
		regions.forEach((type, region) -> region.tell(viewOf(type, gossip, leader)));
	}

	private RegionView viewOf(String type, Gossip gossip, NodeAddress leader) {
		TypeAllocation allocation = majority.hostsEntities() ? gossip.allocations().types().get(type) : null;
		return new RegionView(allocation, gossip.allocations().epoch(), leader);
	}

	/**
	 * A heartbeat tick: extends the lease, or numbers a check for the other members once it ran
	 * out. A node that may not lead lets it run out: its entities wait, and soon stop.
	 *
	 * @return the check to send to every other member, if any
	 */
	Optional<MembershipCheck> onHeartbeat(boolean othersToAsk, long nowNanos) {
		if (!majority.mayLead()) {
			return Optional.empty();
		}
		Optional<MembershipCheck> check = lease.onHeartbeat(othersToAsk, nowNanos);
		if (check.isEmpty()) {
			grant();
		}
		return check;
	}

	/**
	 * An answer to a check: extends the lease if it answers one sent since the lease ran out.
	 *
	 * @param gossip this node's gossip with the answer's merged in already
	 */
	void onReply(MembershipCheckReply reply, Gossip gossip, long nowNanos) {
		if (majority.mayLead() && lease.onReply(reply, gossip, nowNanos)) {
			grant();
		}
	}

	private void grant() {
		HostingLease current = lease.current();
		regions.values().forEach(region -> region.tell(current));
	}
}
