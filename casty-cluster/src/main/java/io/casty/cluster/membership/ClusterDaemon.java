package io.casty.cluster.membership;

import io.casty.actor.ActorAddress;
import io.casty.actor.ActorContext;
import io.casty.actor.ActorRef;
import io.casty.actor.ActorSystem;
import io.casty.actor.Behavior;
import io.casty.actor.Behaviors;
import io.casty.actor.NodeAddress;
import io.casty.cluster.ClusterSettings;
import io.casty.cluster.membership.ClusterMessages.GossipEnvelope;
import io.casty.cluster.membership.ClusterMessages.HandOffComplete;
import io.casty.cluster.membership.ClusterMessages.Heartbeat;
import io.casty.cluster.membership.ClusterMessages.Join;
import io.casty.cluster.membership.ClusterMessages.MembershipCheck;
import io.casty.cluster.membership.ClusterMessages.MembershipCheckReply;
import io.casty.cluster.sharding.RegionView;
import io.casty.cluster.topology.TopologyPublisher;
import io.casty.topology.MemberStatus;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Internal: serves {@code /system/cluster}: this node's membership. It joins through the seed nodes
 * ({@link Joining}), gossips the {@link Gossip} state ({@link Peers}), sends and watches heartbeats
 * ({@link Reachability}, one {@link PhiAccrualFailureDetector} per member), runs the
 * {@link LeaderActions} while it is the leader ({@link Leadership}), tells the local shard regions
 * about their allocations and the hosting lease ({@link Hosting}), and hands every change of the
 * public view to the {@link TopologyPublisher} ({@link TopologyPublication}). The daemon receives
 * the messages and the timer ticks, keeps the gossip state, and runs what follows each change in
 * order; the classes named do the rest.
 *
 * <p>Every node gossips, with the membership, whom its failure detector says it cannot reach
 * ({@link ReachabilityTable}). With the default split-brain strategy, every node judges on that
 * whole picture which members the cluster will down ({@link ReachabilityVerdict}), so that a
 * partition that is not clean has one leader and one verdict. The leader is the up (or leaving)
 * member with the lowest address among those this node can reach and the verdict spares; a node
 * that reaches no majority of the members, or that the verdict picks, does not lead and soon
 * stops its entities ({@link KeepMajority}), and the leader downs the members picked for longer
 * than {@code downAfter}. Every membership and allocation change is logged at INFO, one line
 * each ({@link MembershipLog}).
 *
 * <p>The node's regions hand messages to their entities only under a lease that this daemon
 * extends on every heartbeat tick, so that a node that stood still does not hand them what it
 * read meanwhile ({@link HostingLeaseRenewal}).
 */
public final class ClusterDaemon {

	private static final Logger logger = LoggerFactory.getLogger(ClusterDaemon.class);

	/** The path of the daemon on every node. */
	public static final String PATH = "/system/cluster";

	/** This node now hosts an entity type. */
	public record RegisterEntityType(String type, int numShards) {
	}

	/** A local region that wants {@link RegionView}s for its type. */
	public record RegisterRegion(String type, ActorRef<Object> region) {
	}

	/** Leave the cluster gracefully; {@code done} completes once this node's shards moved away. */
	public record Leave(CompletableFuture<Void> done) {
	}

	private enum Tick {

		GOSSIP, HEARTBEAT, LEADER, LEAVE_DRAINED, JUDGE_MAJORITY

	}

	private final ClusterSettings settings;

	private final ActorContext<Object> context;

	private final MembershipClock clock;

	private final NodeAddress self;

	private final Reachability reachability;

	private final Leadership leadership;

	private final Hosting hosting;

	private final Peers peers;

	private final Joining joining;

	private final Leaving leaving;

	private final TopologyPublication topology;

	private Gossip gossip;

	private ClusterDaemon(ClusterSettings settings, ActorContext<Object> context, String nodeId,
			ActorRef<Object> publisher, Consumer<Boolean> hostsEntities, MembershipClock clock) {
		long now = clock.nanoTime();
		this.settings = settings;
		this.context = context;
		this.clock = clock;
		this.self = context.system().address();
		this.reachability = new Reachability(settings.failureDetectorThreshold(), settings.acceptableHeartbeatPause(),
				settings.heartbeatInterval());
		KeepMajority majority = new KeepMajority(settings.splitBrainStrategy(), settings.downAfter(),
				nodeId + " (" + self + ")");
		this.leadership = new Leadership(settings, self, reachability, majority);
		this.hosting = new Hosting(majority,
				new HostingLeaseRenewal(settings.downAfter(), settings.heartbeatInterval(), self, nodeId, now),
				hostsEntities,
				after -> context.system().tellLater(after, context.self(), Tick.JUDGE_MAJORITY));
		this.peers = new Peers(context.system(), reachability);
		this.joining = new Joining(settings.seedNodes(), settings.gossipInterval(), self, nodeId, now);
		this.leaving = new Leaving(self, nodeId);
		this.topology = new TopologyPublication(publisher);
	}

	/**
	 * @param settings membership and failure detection settings
	 * @param nodeId this node's configured name
	 * @param publisher where public topology snapshots go
	 * @param hostsEntities told whether this node's regions may run their entities, whenever that
	 *     changes (see {@link KeepMajority})
	 * @param clock the time every timeout and lease is measured by; the regions' too
	 */
	public static Behavior<Object> create(ClusterSettings settings, String nodeId, ActorRef<Object> publisher,
			Consumer<Boolean> hostsEntities, MembershipClock clock) {
		return Behaviors.setup(context -> {
			ClusterDaemon daemon = new ClusterDaemon(settings, context, nodeId, publisher, hostsEntities, clock);
			daemon.start();
			return Behaviors.receiveMessage(message -> {
				daemon.handle(message);
				return Behaviors.same();
			});
		});
	}

	/** The daemon of the node at {@code node}, as seen from {@code system}. */
	@SuppressWarnings("unchecked")
	public static ActorRef<Object> at(ActorSystem system, NodeAddress node) {
		return (ActorRef<Object>) system.resolve(new ActorAddress(node, PATH));
	}

	private void start() {
		gossip = Gossip.of(joining.firstLife(clock.currentTimeMillis()));
		context.system().tellEvery(settings.gossipInterval(), context.self(), Tick.GOSSIP);
		context.system().tellEvery(settings.heartbeatInterval(), context.self(), Tick.HEARTBEAT);
		context.system().tellEvery(settings.gossipInterval(), context.self(), Tick.LEADER);
		sendJoin();
		publish();
	}

	private void handle(Object message) {
		if (message == Tick.GOSSIP) {
			if (peers.addresses(gossip).isEmpty()) {
				sendJoin();
			}
			if (joining.foundsNow(gossip, reachability, clock.nanoTime())) {
				spread(gossip.with(selfRecord().withStatus(MemberStatus.UP)));
			}
			peers.gossipToRandomPeer(gossip);
		}
		else if (message == Tick.HEARTBEAT) {
			peers.tellAll(gossip, new Heartbeat(self));
			checkReachability();
			hosting.onHeartbeat(!peers.addresses(gossip).isEmpty(), clock.nanoTime())
				.ifPresent(check -> peers.tellAll(gossip, check));
		}
		else if (message == Tick.LEADER) {
			if (leadership.isLeader(gossip)) {
				leaderActions();
			}
			return;
		}
		else if (message instanceof GossipEnvelope envelope) {
			Gossip merged = gossip.merge(envelope.gossip());
			update(merged);
			if (!merged.equals(envelope.gossip())) {
				peers.gossipTo(envelope.from(), gossip);
			}
		}
		else if (message instanceof Heartbeat heartbeat) {
			reachability.heartbeat(heartbeat.from(), clock.nanoTime());
		}
		else if (message instanceof Join join) {
			if (!join.member().address().equals(self)) {
				update(gossip.merge(Gossip.of(join.member())));
				peers.gossipTo(join.member().address(), gossip);
			}
		}
		else if (message instanceof MembershipCheck check) {
			peers.tell(check.from(), new MembershipCheckReply(gossip, self, check.check()));
		}
		else if (message instanceof MembershipCheckReply reply) {
			update(gossip.merge(reply.gossip()));
			hosting.onReply(reply, gossip, clock.nanoTime());
		}
		else if (message instanceof HandOffComplete complete) {
			Gossip next = leadership.completeHandOff(gossip, complete);
			if (next != gossip) {
				spread(next);
			}
		}
		else if (message instanceof RegisterEntityType register) {
			update(gossip.with(selfRecord().withEntityType(register.type(), register.numShards())));
		}
		else if (message instanceof RegisterRegion register) {
			hosting.register(register.type(), register.region(), gossip, leadership.leader(gossip));
		}
		else if (message instanceof Leave leave) {
			if (leaving.request(leave.done(), gossip)) {
				spread(gossip.with(selfRecord().withStatus(MemberStatus.LEAVING)));
			}
		}
		else if (message == Tick.LEAVE_DRAINED) {
			leaving.complete();
		}
		else if (message == Tick.JUDGE_MAJORITY) {
			if (judgeMajority()) {
				sendRegionViews();
			}
		}
		else {
			logger.warn("Ignoring unexpected {} sent to the cluster daemon", message.getClass().getName());
			return;
		}
		if (leadership.isLeader(gossip)) {
			// React to joins, registrations and hand-offs now rather than at the next tick.
			leaderActions();
		}
	}

	private MemberRecord selfRecord() {
		return gossip.members().get(self);
	}

	private void sendJoin() {
		Join join = new Join(selfRecord());
		joining.otherSeeds().forEach(seed -> peers.tell(seed, join));
	}

	private void leaderActions() {
		Gossip next = leadership.act(gossip, clock.nanoTime());
		if (!next.equals(gossip)) {
			spread(next);
		}
	}

	/** A change this node made: applied, then sent to every member at once rather than over the next gossip rounds. */
	private void spread(Gossip next) {
		update(next);
		peers.gossipToAll(gossip);
	}

	private void checkReachability() {
		long now = clock.nanoTime();
		boolean changed = observeReachability(now);
		leadership.judge(gossip, now);
		boolean hostingChanged = judgeMajority();
		if (changed || hostingChanged) {
			sendRegionViews();
		}
		if (changed) {
			publish();
			peers.gossipToAll(gossip);
		}
	}

	/**
	 * Runs this node's failure detector over the current members and writes what it says into
	 * this node's row of the gossiped {@link ReachabilityTable}.
	 *
	 * @return whether the row changed (and so must travel)
	 */
	private boolean observeReachability(long now) {
		reachability.check(gossip.peersOf(self), now);
		Gossip next = gossip.with(gossip.reachability()
			.withRow(self, joining.incarnation(), reachability.unreachableIncarnations()));
		boolean changed = next != gossip;
		gossip = next;
		return changed;
	}

	/** @return whether the regions must stop or may restart their entities */
	private boolean judgeMajority() {
		return hosting.judge(gossip, reachability.unreachable(), leadership.isPickedForDowning(self), clock.nanoTime());
	}

	/** Merges in a new state and runs what follows from the change. */
	private void update(Gossip next) {
		if (next.equals(gossip)) {
			return;
		}
		Gossip previous = gossip;
		NodeAddress previousLeader = leadership.leader(gossip);
		gossip = next;
		long now = clock.nanoTime();
		// At once rather than at the next heartbeat tick: a member that came back as a new
		// incarnation must not stay unreachable for its previous life's silence in the meantime.
		boolean rowChanged = observeReachability(now);
		leadership.judge(gossip, now);
		boolean hostingChanged = judgeMajority();
		MembershipLog.changes(previous, next);
		leadership.noteRestarts(previous, next);
		reactToOwnStatus();
		if (hostingChanged || !previous.allocations().equals(next.allocations())
				|| !Objects.equals(previousLeader, leadership.leader(gossip))) {
			sendRegionViews();
		}
		publish();
		if (rowChanged) {
			peers.gossipToAll(gossip);
		}
	}

	/** Rejoins once the cluster ended this node's life; completes a leave once the node exited. */
	private void reactToOwnStatus() {
		MemberRecord me = selfRecord();
		if (me.incarnation() != joining.incarnation()) {
			return;
		}
		Optional<MemberRecord> nextLife = joining.nextLife(me, leaving.requested(), clock.currentTimeMillis());
		if (nextLife.isPresent()) {
			gossip = gossip.with(nextLife.get());
			sendJoin();
			peers.gossipToAll(gossip);
		}
		else if (leaving.exitsNow(me)) {
			peers.gossipToAll(gossip);
			// Give peers and clients a moment to see the final allocation before the connections close.
			context.system().tellLater(settings.gossipInterval().multipliedBy(2), context.self(), Tick.LEAVE_DRAINED);
		}
	}

	private void sendRegionViews() {
		hosting.tellViews(gossip, leadership.leader(gossip));
	}

	private void publish() {
		topology.publish(gossip, reachability.unreachable(), leadership.leader(gossip));
	}
}
