package io.casty.cluster.membership;

import io.casty.actor.ActorAddress;
import io.casty.actor.ActorContext;
import io.casty.actor.ActorRef;
import io.casty.actor.ActorSystem;
import io.casty.actor.Behavior;
import io.casty.actor.Behaviors;
import io.casty.actor.NodeAddress;
import io.casty.cluster.ClusterSettings;
import io.casty.cluster.SplitBrainStrategy;
import io.casty.cluster.membership.ClusterMessages.GossipEnvelope;
import io.casty.cluster.membership.ClusterMessages.HandOffComplete;
import io.casty.cluster.membership.ClusterMessages.Heartbeat;
import io.casty.cluster.membership.ClusterMessages.Join;
import io.casty.cluster.membership.ClusterMessages.MembershipCheck;
import io.casty.cluster.membership.ClusterMessages.MembershipCheckReply;
import io.casty.cluster.sharding.Allocations;
import io.casty.cluster.sharding.HostingLease;
import io.casty.cluster.sharding.RegionView;
import io.casty.cluster.sharding.TypeAllocation;
import io.casty.cluster.topology.TopologyPublisher;
import io.casty.topology.Member;
import io.casty.topology.MemberStatus;
import io.casty.topology.ShardAllocation;
import io.casty.topology.TopologySnapshot;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@code /system/cluster}: this node's membership. It joins through the seed nodes,
 * gossips the {@link Gossip} state, sends and watches heartbeats (one
 * {@link PhiAccrualFailureDetector} per member), runs the {@link LeaderActions} while it is the
 * leader, tells the local shard regions about their allocations, and hands every change of the
 * public view to the {@link TopologyPublisher}.
 *
 * <p>Every node gossips, with the membership, whom its failure detector says it cannot reach
 * ({@link ReachabilityTable}). With the default split-brain strategy, every node judges on that
 * whole picture which members the cluster will down ({@link ReachabilityVerdict}), so that a
 * partition that is not clean has one leader and one verdict. The leader is the up (or leaving)
 * member with the lowest address among those this node can reach and the verdict spares; a node
 * that reaches no majority of the members, or that the verdict picks, does not lead and soon
 * stops its entities ({@link KeepMajority}), and the leader downs the members picked for longer
 * than {@code downAfter}. Every membership and
 * allocation change is logged at INFO, one line each.
 *
 * <p>The node's regions hand messages to their entities only under a lease that this daemon
 * extends on every heartbeat tick, for half of {@code downAfter} or two heartbeat intervals,
 * whichever is longer. A node that stood still (a long GC pause, SIGSTOP) finds, when it moves
 * again, messages for its entities already read, and heartbeats and gossip from before the pause
 * that make it look like a member in good standing; but its lease ran out while it stood still,
 * so those messages wait, and the lease is extended again only by a member's answer to a
 * {@link MembershipCheck} sent since. If the others downed the node meanwhile, that answer says
 * so, its shards are elsewhere, and the messages follow them there instead of reaching entities
 * that run on the shards' new owners by then.
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

	/** Gossip rounds a seed waits for the other seeds before it founds the cluster itself. */
	private static final int SEED_TIMEOUT_ROUNDS = 5;

	private final ClusterSettings settings;

	private final ActorContext<Object> context;

	private final NodeAddress self;

	private final String nodeId;

	private final ActorRef<Object> publisher;

	/** Told whether this node's regions may run their entities, whenever that changes. */
	private final Consumer<Boolean> hosting;

	private final Map<String, ActorRef<Object>> regions = new HashMap<>();

	private final Reachability reachability;

	private final KeepMajority majority;

	/**
	 * Whether downing and leadership follow the {@link ReachabilityVerdict} on every member's
	 * observations (keep-majority) rather than this node's failure detector alone (auto-down).
	 */
	private final boolean judgesOnGossipedReachability;

	private final PickedForDowning picked;

	private final JoinAdmission joins;

	private long incarnation;

	private Gossip gossip;

	private TopologySnapshot published;

	private CompletableFuture<Void> leaving;

	/** When a seed may found the cluster if none runs; 0 for a node that may not. */
	private long foundingAllowedAfter;

	private boolean exiting;

	/** How long each extension of the hosting lease lasts. */
	private final long leaseNanos;

	/** The {@link System#nanoTime()} until which this node's regions may hand messages to their entities. */
	private long hostUntil;

	/** The number of the latest {@link MembershipCheck} sent. */
	private long lastCheck;

	/** The first check sent since the lease ran out, whose answers (or later ones') extend it; 0 while it runs. */
	private long firstCheckSinceLapse;

	private ClusterDaemon(ClusterSettings settings, ActorContext<Object> context, String nodeId,
			ActorRef<Object> publisher, Consumer<Boolean> hosting) {
		this.settings = settings;
		this.context = context;
		this.self = context.system().address();
		this.nodeId = nodeId;
		this.publisher = publisher;
		this.hosting = hosting;
		this.reachability = new Reachability(settings.failureDetectorThreshold(), settings.acceptableHeartbeatPause(),
				settings.heartbeatInterval());
		this.majority = new KeepMajority(settings.splitBrainStrategy(), settings.downAfter(), nodeId + " (" + self + ")");
		this.judgesOnGossipedReachability = settings.splitBrainStrategy() == SplitBrainStrategy.KEEP_MAJORITY;
		this.picked = new PickedForDowning(settings.downAfter());
		this.joins = new JoinAdmission(settings.acceptableHeartbeatPause(), settings.heartbeatInterval());
		this.leaseNanos = Math.max(settings.downAfter().dividedBy(2).toNanos(),
				settings.heartbeatInterval().multipliedBy(2).toNanos());
	}

	/**
	 * @param settings membership and failure detection settings
	 * @param nodeId this node's configured name
	 * @param publisher where public topology snapshots go
	 * @param hosting told whether this node's regions may run their entities, whenever that
	 *     changes (see {@link KeepMajority})
	 */
	public static Behavior<Object> create(ClusterSettings settings, String nodeId, ActorRef<Object> publisher,
			Consumer<Boolean> hosting) {
		return Behaviors.setup(context -> {
			ClusterDaemon daemon = new ClusterDaemon(settings, context, nodeId, publisher, hosting);
			daemon.start();
			return Behaviors.receiveMessage(message -> {
				daemon.handle(message);
				return Behaviors.same();
			});
		});
	}

	private void start() {
		incarnation = System.currentTimeMillis();
		hostUntil = System.nanoTime() + leaseNanos;
		List<NodeAddress> otherSeeds = settings.seedNodes().stream().filter(seed -> !seed.equals(self)).toList();
		boolean founder = otherSeeds.isEmpty();
		MemberStatus initial = founder ? MemberStatus.UP : MemberStatus.JOINING;
		gossip = Gossip.of(new MemberRecord(self, nodeId, incarnation, initial, 0, Map.of()));
		if (founder) {
			logger.info("Member {} ({}) is UP, founding the cluster", nodeId, self);
		}
		else {
			logger.info("Member {} ({}) is JOINING through seed nodes {}", nodeId, self,
					otherSeeds.stream().map(NodeAddress::hostPort).toList());
			if (settings.seedNodes().contains(self)) {
				foundingAllowedAfter = System.nanoTime() + settings.gossipInterval().multipliedBy(SEED_TIMEOUT_ROUNDS).toNanos();
			}
		}
		context.system().tellEvery(settings.gossipInterval(), context.self(), Tick.GOSSIP);
		context.system().tellEvery(settings.heartbeatInterval(), context.self(), Tick.HEARTBEAT);
		context.system().tellEvery(settings.gossipInterval(), context.self(), Tick.LEADER);
		sendJoin();
		publish();
	}

	private void handle(Object message) {
		if (message == Tick.GOSSIP) {
			if (!hasPeers()) {
				sendJoin();
			}
			foundIfNoClusterAnswered();
			gossipTo(randomPeer());
		}
		else if (message == Tick.HEARTBEAT) {
			sendHeartbeats();
			checkReachability();
			extendLease();
		}
		else if (message == Tick.LEADER) {
			if (isLeader()) {
				leaderActions();
			}
			return;
		}
		else if (message instanceof GossipEnvelope envelope) {
			Gossip merged = gossip.merge(envelope.gossip());
			update(merged);
			if (!merged.equals(envelope.gossip())) {
				gossipTo(envelope.from());
			}
		}
		else if (message instanceof Heartbeat heartbeat) {
			reachability.heartbeat(heartbeat.from(), System.nanoTime());
		}
		else if (message instanceof Join join) {
			if (!join.member().address().equals(self)) {
				update(gossip.merge(Gossip.of(join.member())));
				gossipTo(join.member().address());
			}
		}
		else if (message instanceof MembershipCheck check) {
			daemonAt(check.from()).tell(new MembershipCheckReply(gossip, self, check.check()));
		}
		else if (message instanceof MembershipCheckReply reply) {
			update(gossip.merge(reply.gossip()));
			extendLeaseAfter(reply);
		}
		else if (message instanceof HandOffComplete complete) {
			completeHandOff(complete);
		}
		else if (message instanceof RegisterEntityType register) {
			update(gossip.with(selfRecord().withEntityType(register.type(), register.numShards())));
		}
		else if (message instanceof RegisterRegion register) {
			regions.put(register.type(), register.region());
			register.region().tell(viewOf(register.type()));
			register.region().tell(new HostingLease(hostUntil));
		}
		else if (message instanceof Leave leave) {
			leave(leave.done());
		}
		else if (message == Tick.LEAVE_DRAINED) {
			leaving.complete(null);
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
		if (message != Tick.LEADER && isLeader()) {
			// React to joins, registrations and hand-offs now rather than at the next tick.
			leaderActions();
		}
	}

	// Joining and gossip

	/**
	 * A seed that found no running cluster within the seed timeout founds one, but only if it
	 * has the lowest address among the seeds waiting with it: seeds started together agree on a
	 * single founder, and a seed restarted into a running cluster never starts a second one.
	 */
	private void foundIfNoClusterAnswered() {
		MemberRecord me = selfRecord();
		if (foundingAllowedAfter == 0 || me.status() != MemberStatus.JOINING
				|| System.nanoTime() < foundingAllowedAfter) {
			return;
		}
		boolean clusterRuns = gossip.members().values().stream()
			.anyMatch(member -> member.status() == MemberStatus.UP || member.status() == MemberStatus.LEAVING);
		NodeAddress firstWaitingSeed = gossip.members().values().stream()
			.filter(member -> member.status() == MemberStatus.JOINING && settings.seedNodes().contains(member.address()))
			.map(MemberRecord::address)
			.filter(address -> !reachability.isUnreachable(address))
			.min(LeaderActions.ADDRESS_ORDER)
			.orElse(self);
		if (!clusterRuns && firstWaitingSeed.equals(self)) {
			logger.info("No running cluster answered the seed nodes; member {} ({}) founds the cluster", nodeId, self);
			update(gossip.with(me.withStatus(MemberStatus.UP)));
			gossipToAll();
		}
	}

	private MemberRecord selfRecord() {
		return gossip.members().get(self);
	}

	private boolean hasPeers() {
		return gossip.members().values().stream().anyMatch(member -> !member.address().equals(self) && isActive(member));
	}

	private void sendJoin() {
		for (NodeAddress seed : settings.seedNodes()) {
			if (!seed.equals(self)) {
				daemonAt(seed).tell(new Join(selfRecord()));
			}
		}
	}

	private List<NodeAddress> peers() {
		return peerRecords().stream().map(MemberRecord::address).toList();
	}

	private List<MemberRecord> peerRecords() {
		return gossip.members().values().stream()
			.filter(member -> !member.address().equals(self) && isActive(member))
			.toList();
	}

	private NodeAddress randomPeer() {
		List<NodeAddress> reachable = peers().stream().filter(peer -> !reachability.isUnreachable(peer)).toList();
		List<NodeAddress> candidates = reachable.isEmpty() ? peers() : reachable;
		return candidates.isEmpty() ? null : candidates.get(ThreadLocalRandom.current().nextInt(candidates.size()));
	}

	private void gossipTo(NodeAddress peer) {
		if (peer != null) {
			daemonAt(peer).tell(new GossipEnvelope(gossip, self));
		}
	}

	private void gossipToAll() {
		peers().forEach(this::gossipTo);
	}

	private ActorRef<Object> daemonAt(NodeAddress node) {
		return at(context.system(), node);
	}

	/** The daemon of the node at {@code node}, as seen from {@code system}. */
	@SuppressWarnings("unchecked")
	public static ActorRef<Object> at(ActorSystem system, NodeAddress node) {
		return (ActorRef<Object>) system.resolve(new ActorAddress(node, PATH));
	}

	// Failure detection

	private void sendHeartbeats() {
		Heartbeat heartbeat = new Heartbeat(self);
		peers().forEach(peer -> daemonAt(peer).tell(heartbeat));
	}

	private void checkReachability() {
		long now = System.nanoTime();
		boolean changed = observeReachability(now);
		judgeGossipedReachability(now);
		boolean hostingChanged = judgeMajority();
		if (changed || hostingChanged) {
			sendRegionViews();
		}
		if (changed) {
			publish();
			gossipToAll();
		}
	}

	/**
	 * Runs this node's failure detector over the current members and writes what it says into
	 * this node's row of the gossiped {@link ReachabilityTable}.
	 *
	 * @return whether the row changed (and so must travel)
	 */
	private boolean observeReachability(long now) {
		reachability.check(peerRecords(), now);
		Gossip next = gossip.with(gossip.reachability().withRow(self, incarnation, reachability.unreachableIncarnations()));
		boolean changed = next != gossip;
		gossip = next;
		return changed;
	}

	/** Takes the {@link ReachabilityVerdict} on the table as it is now (keep-majority only). */
	private void judgeGossipedReachability(long now) {
		if (judgesOnGossipedReachability) {
			picked.judge(gossip, now, this::nodeIdOf);
		}
	}

	private boolean isJoining(NodeAddress member) {
		MemberRecord record = gossip.members().get(member);
		return record != null && record.status() == MemberStatus.JOINING;
	}

	private boolean isPickedForDowning(NodeAddress member) {
		return picked.contains(member);
	}

	/**
	 * The members to down now: those the verdict picked, or (auto-downing) this node cannot
	 * reach, for longer than {@code downAfter}; and joining members this node cannot reach for
	 * that long (the verdict does not judge them: they host nothing).
	 */
	private Set<NodeAddress> dueForDowning(long now) {
		Set<NodeAddress> due = new HashSet<>(reachability.unreachableLongerThan(settings.downAfter(), now));
		if (!judgesOnGossipedReachability) {
			return due;
		}
		due.removeIf(member -> !isJoining(member));
		due.addAll(picked.due(now));
		return due;
	}

	/** The joining members the leader may not let in yet ({@link JoinAdmission}; keep-majority only). */
	private Set<NodeAddress> joiningNotHeardLongEnough(long now) {
		return judgesOnGossipedReachability ? joins.notYet(gossip, self, reachability, now) : Set.of();
	}

	/**
	 * Applies the split-brain strategy to the reachability just judged; see {@link KeepMajority}.
	 *
	 * @return whether the regions must stop or may restart their entities
	 */
	private boolean judgeMajority() {
		boolean mayLead = majority.mayLead();
		boolean hostingChanged = majority.judge(gossip.members().values(), reachability.unreachable(),
				isPickedForDowning(self), System.nanoTime());
		if (mayLead && !majority.mayLead()) {
			context.system().tellLater(majority.stopEntitiesAfter(), context.self(), Tick.JUDGE_MAJORITY);
		}
		if (hostingChanged) {
			hosting.accept(majority.hostsEntities());
		}
		return hostingChanged;
	}

	// The hosting lease

	/**
	 * Extends the lease while it runs and this node may host; once it ran out, asks the other
	 * members instead, and {@link #extendLeaseAfter} extends it on their answer. A node without
	 * a majority lets it run out: its entities wait, and soon stop ({@link KeepMajority}).
	 */
	private void extendLease() {
		if (!majority.mayLead()) {
			return;
		}
		long now = System.nanoTime();
		List<NodeAddress> peers = peers();
		if (hostUntil - now > 0 || peers.isEmpty()) {
			renewLease(now);
			return;
		}
		long check = ++lastCheck;
		if (firstCheckSinceLapse == 0) {
			firstCheckSinceLapse = check;
			logger.warn("Member {} ({}) renewed no hosting lease for {} ms (it stood still, or reached no majority); "
					+ "its entities get no messages until another member confirms its membership", nodeId, self,
					(now - hostUntil + leaseNanos) / 1_000_000);
		}
		MembershipCheck request = new MembershipCheck(self, check);
		peers.forEach(peer -> daemonAt(peer).tell(request));
	}

	/** An answer to a check sent since the lease ran out: its gossip, merged already, is news from after the pause. */
	private void extendLeaseAfter(MembershipCheckReply reply) {
		if (firstCheckSinceLapse == 0 || reply.check() < firstCheckSinceLapse || !majority.mayLead()) {
			return;
		}
		firstCheckSinceLapse = 0;
		logger.info("Member {} ({}) is {} as {} sees it; its entities get their messages again", nodeId, self,
				selfRecord().status(), nodeIdOf(reply.from()));
		renewLease(System.nanoTime());
	}

	/** Sent after any view of the same moment, so a region applies a move before it hands over what waited. */
	private void renewLease(long now) {
		hostUntil = now + leaseNanos;
		HostingLease lease = new HostingLease(hostUntil);
		regions.values().forEach(region -> region.tell(lease));
	}

	// Leadership

	private NodeAddress leader() {
		return gossip.members().values().stream()
			.filter(member -> member.status() == MemberStatus.UP || member.status() == MemberStatus.LEAVING)
			.map(MemberRecord::address)
			.filter(address -> !reachability.isUnreachable(address) && !isPickedForDowning(address))
			.min(LeaderActions.ADDRESS_ORDER)
			.orElse(null);
	}

	/**
	 * Whether this node leads: it is the lowest member it reaches that is not picked for downing,
	 * and it reaches a majority (or need not) and is not picked for downing itself.
	 */
	private boolean isLeader() {
		return self.equals(leader()) && majority.mayLead();
	}

	private void leaderActions() {
		long now = System.nanoTime();
		Set<NodeAddress> unavailable = new HashSet<>(reachability.unreachable());
		unavailable.addAll(picked.members());
		unavailable.addAll(joiningNotHeardLongEnough(now));
		Gossip next = LeaderActions.apply(gossip, self, unavailable, dueForDowning(now),
				settings.maxSimultaneousRebalance());
		if (!next.equals(gossip)) {
			update(next);
			gossipToAll();
		}
	}

	private void completeHandOff(HandOffComplete complete) {
		if (!isLeader()) {
			return;
		}
		Allocations next = gossip.allocations().withHandOffComplete(complete.type(), complete.shard(), complete.from(),
				self);
		if (next == gossip.allocations()) {
			return;
		}
		NodeAddress to = next.types().get(complete.type()).owners().get(complete.shard());
		logger.info("Shard {} of '{}' handed off from {} to {}", complete.shard(), complete.type(),
				nodeIdOf(complete.from()), nodeIdOf(to));
		update(gossip.with(next));
		gossipToAll();
	}

	// Leaving

	private void leave(CompletableFuture<Void> done) {
		leaving = done;
		boolean anotherUp = gossip.members().values().stream()
			.anyMatch(member -> !member.address().equals(self) && member.status() == MemberStatus.UP);
		if (!anotherUp) {
			logger.info("Member {} ({}) is leaving; it is the last member", nodeId, self);
			done.complete(null);
			return;
		}
		update(gossip.with(selfRecord().withStatus(MemberStatus.LEAVING)));
		gossipToAll();
	}

	// Reacting to changes

	private void update(Gossip next) {
		if (next.equals(gossip)) {
			return;
		}
		Gossip previous = gossip;
		NodeAddress previousLeader = leader();
		gossip = next;
		long now = System.nanoTime();
		// At once rather than at the next heartbeat tick: a member that came back as a new
		// incarnation must not stay unreachable for its previous life's silence in the meantime.
		boolean rowChanged = observeReachability(now);
		judgeGossipedReachability(now);
		boolean hostingChanged = judgeMajority();
		logMembers(previous, next);
		joins.noteRestarts(previous, next);
		logAllocations(previous.allocations(), next.allocations());
		reactToOwnStatus();
		if (hostingChanged || !previous.allocations().equals(next.allocations())
				|| !Objects.equals(previousLeader, leader())) {
			sendRegionViews();
		}
		publish();
		if (rowChanged) {
			gossipToAll();
		}
	}

	private void reactToOwnStatus() {
		MemberRecord me = selfRecord();
		if (me.incarnation() != incarnation) {
			return;
		}
		if (me.status() == MemberStatus.DOWN || me.status() == MemberStatus.REMOVED && leaving == null) {
			long next = Math.max(System.currentTimeMillis(), incarnation + 1);
			logger.warn("Member {} ({}) was {} by the cluster; rejoining as a new incarnation", nodeId, self,
					me.status() == MemberStatus.DOWN ? "downed" : "removed");
			incarnation = next;
			gossip = gossip.with(new MemberRecord(self, nodeId, next, MemberStatus.JOINING, me.version() + 1,
					me.entityTypes()));
			sendJoin();
			gossipToAll();
		}
		else if (me.status() == MemberStatus.EXITING && leaving != null && !exiting) {
			exiting = true;
			logger.info("Member {} ({}) handed off all its shards; leaving", nodeId, self);
			gossipToAll();
			// Give peers and clients a moment to see the final allocation before the connections close.
			context.system().tellLater(settings.gossipInterval().multipliedBy(2), context.self(), Tick.LEAVE_DRAINED);
		}
	}

	private void sendRegionViews() {
		regions.forEach((type, region) -> region.tell(viewOf(type)));
	}

	/** Without an allocation while the node stopped its entities for want of a majority: its regions keep their messages. */
	private RegionView viewOf(String type) {
		TypeAllocation allocation = majority.hostsEntities() ? gossip.allocations().types().get(type) : null;
		return new RegionView(allocation, gossip.allocations().epoch(), leader());
	}

	private void publish() {
		List<Member> members = gossip.members().values().stream()
			.filter(member -> member.status() != MemberStatus.REMOVED)
			.sorted(Comparator.comparing(MemberRecord::address, LeaderActions.ADDRESS_ORDER))
			.map(member -> new Member(member.address(), member.nodeId(), member.status()))
			.toList();
		Map<String, ShardAllocation> allocations = new HashMap<>();
		gossip.allocations().types().forEach((type, allocation) -> allocations.put(type, allocation.toShardAllocation()));
		TopologySnapshot snapshot = new TopologySnapshot(members, reachability.unreachable(), leader(), allocations,
				gossip.allocations().epoch());
		if (!snapshot.equals(published)) {
			published = snapshot;
			publisher.tell(new TopologyPublisher.Publish(snapshot));
		}
	}

	private void logMembers(Gossip previous, Gossip next) {
		next.members().forEach((address, member) -> {
			MemberRecord before = previous.members().get(address);
			if (before == null || before.status() != member.status() || before.incarnation() != member.incarnation()) {
				logger.info("Member {} ({}) is {}", member.nodeId(), address, member.status());
			}
		});
	}

	private void logAllocations(Allocations previous, Allocations next) {
		if (previous.epoch() == next.epoch() && Objects.equals(previous.allocator(), next.allocator())) {
			return;
		}
		next.types().forEach((type, allocation) -> {
			if (!allocation.equals(previous.types().get(type))) {
				Map<String, Long> perMember = new TreeMap<>();
				allocation.owners().values().forEach(owner -> perMember.merge(nodeIdOf(owner), 1L, Long::sum));
				logger.info("Shards of '{}' (epoch {}): {} of {} allocated {}{}", type, next.epoch(),
						allocation.owners().size(), allocation.numShards(), perMember,
						allocation.handOffs().isEmpty() ? "" : ", " + allocation.handOffs().size() + " moving");
			}
		});
	}

	private String nodeIdOf(NodeAddress address) {
		MemberRecord member = gossip.members().get(address);
		return member == null ? address.hostPort() : member.nodeId();
	}

	private static boolean isActive(MemberRecord member) {
		return member.status() != MemberStatus.DOWN && member.status() != MemberStatus.REMOVED;
	}
}
