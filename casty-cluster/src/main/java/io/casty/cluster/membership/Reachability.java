package io.casty.cluster.membership;

import io.casty.actor.NodeAddress;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which other members this node cannot reach, and since when: one
 * {@link PhiAccrualFailureDetector} per life of a member. A member restarted at the same address
 * has a higher incarnation and is watched by a new detector from the moment its new record is
 * seen. Judged by the old detector, whose last heartbeat came before the restart, it would be
 * unreachable the moment it rejoined; and while this node thought so and the restarted member
 * did not, the two would each take a different member for the leader and allocate shards
 * differently, so that an entity could run on two nodes at once. Not thread-safe: the cluster
 * daemon owns it.
 */
final class Reachability {

	private static final Logger logger = LoggerFactory.getLogger(Reachability.class);

	/** One life of a member under watch: since when, and whether any heartbeat of it arrived. */
	private static final class Watched {

		final long incarnation;

		final PhiAccrualFailureDetector detector;

		final long sinceNanos;

		boolean heard;

		Watched(long incarnation, PhiAccrualFailureDetector detector, long sinceNanos) {
			this.incarnation = incarnation;
			this.detector = detector;
			this.sinceNanos = sinceNanos;
		}
	}

	private final double threshold;

	private final Duration acceptablePause;

	private final Duration heartbeatInterval;

	private final Map<NodeAddress, Watched> watched = new HashMap<>();

	private final Map<NodeAddress, Long> unreachableSince = new HashMap<>();

	/** The settings of every member's {@link PhiAccrualFailureDetector}. */
	Reachability(double threshold, Duration acceptablePause, Duration heartbeatInterval) {
		this.threshold = threshold;
		this.acceptablePause = acceptablePause;
		this.heartbeatInterval = heartbeatInterval;
	}

	/** A heartbeat from {@code from} arrived; one from a member not watched (yet) is ignored. */
	void heartbeat(NodeAddress from, long nowNanos) {
		Watched member = watched.get(from);
		if (member != null) {
			member.detector.heartbeat(nowNanos);
			member.heard = true;
		}
	}

	/**
	 * Judges every member to watch now, logging each that becomes unreachable or reachable again.
	 *
	 * @param members the other members to watch; any other is forgotten (it left or was downed)
	 * @return whether the set of unreachable members changed
	 */
	boolean check(Collection<MemberRecord> members, long nowNanos) {
		Set<NodeAddress> addresses = members.stream().map(MemberRecord::address).collect(Collectors.toSet());
		watched.keySet().retainAll(addresses);
		boolean changed = unreachableSince.keySet().retainAll(addresses);
		for (MemberRecord member : members) {
			NodeAddress address = member.address();
			Watched current = watched.get(address);
			if (current == null || current.incarnation != member.incarnation()) {
				current = new Watched(member.incarnation(), new PhiAccrualFailureDetector(threshold, acceptablePause,
						heartbeatInterval, nowNanos), nowNanos);
				watched.put(address, current);
			}
			boolean available = current.detector.isAvailable(nowNanos);
			if (!available && unreachableSince.putIfAbsent(address, nowNanos) == null) {
				logger.warn("Member {} ({}) is UNREACHABLE", member.nodeId(), address);
				changed = true;
			}
			else if (available && unreachableSince.remove(address) != null) {
				logger.info("Member {} ({}) is REACHABLE again", member.nodeId(), address);
				changed = true;
			}
		}
		return changed;
	}

	boolean isUnreachable(NodeAddress member) {
		return unreachableSince.containsKey(member);
	}

	/** The members unreachable now, a read-only view that follows later checks. */
	Set<NodeAddress> unreachable() {
		return Collections.unmodifiableSet(unreachableSince.keySet());
	}

	/** The members unreachable now, each with the incarnation judged: this node's row of the {@link ReachabilityTable}. */
	Map<NodeAddress, Long> unreachableIncarnations() {
		Map<NodeAddress, Long> incarnations = new HashMap<>();
		unreachableSince.keySet().forEach(address -> incarnations.put(address, watched.get(address).incarnation));
		return incarnations;
	}

	/**
	 * Whether this node has heard {@code member}'s current life and watched it for at least
	 * {@code settle}: long enough that a member who cannot hear it would have said so.
	 */
	boolean heardAndWatchedFor(NodeAddress member, Duration settle, long nowNanos) {
		Watched current = watched.get(member);
		return current != null && current.heard && nowNanos - current.sinceNanos >= settle.toNanos();
	}

	/** The members unreachable for longer than {@code limit}: to be downed. */
	Set<NodeAddress> unreachableLongerThan(Duration limit, long nowNanos) {
		return unreachableSince.entrySet()
			.stream()
			.filter(entry -> nowNanos - entry.getValue() > limit.toNanos())
			.map(Map.Entry::getKey)
			.collect(Collectors.toSet());
	}
}
