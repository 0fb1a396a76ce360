package io.casty.cluster.membership;

import io.casty.actor.NodeAddress;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The members the {@link ReachabilityVerdict} on the gossiped {@link ReachabilityTable} picks
 * for downing, each with when this node first saw it so (by its own clock: the leader downs a
 * member picked for longer than {@code downAfter}). Logs every change of the verdict. Not
 * thread-safe: the cluster daemon owns it.
 */
final class PickedForDowning {

	private static final Logger logger = LoggerFactory.getLogger(PickedForDowning.class);

	private final Map<NodeAddress, Long> since = new HashMap<>();

	private final Duration downAfter;

	PickedForDowning(Duration downAfter) {
		this.downAfter = downAfter;
	}

	/**
	 * Takes the verdict on {@code gossip} as it is now.
	 *
	 * @param nodeIdOf names a member in the log lines
	 */
	void judge(Gossip gossip, long nowNanos, Function<NodeAddress, String> nodeIdOf) {
		Map<NodeAddress, Set<NodeAddress>> observations = gossip.reachability().observations(gossip.members());
		Set<NodeAddress> picked = ReachabilityVerdict.membersToDown(observations);
		if (picked.equals(since.keySet())) {
			return;
		}
		since.keySet().retainAll(picked);
		picked.forEach(member -> since.putIfAbsent(member, nowNanos));
		if (picked.isEmpty()) {
			logger.info("Every member reaches every other again, as the gossiped reachability says; nobody is picked "
					+ "for downing");
			return;
		}
		Map<String, List<String>> cannotReach = new TreeMap<>();
		observations.forEach((observer, subjects) -> cannotReach.put(nodeIdOf.apply(observer),
				subjects.stream().map(nodeIdOf).sorted().toList()));
		logger.info("The gossiped reachability picks {} for downing after {} ms unless that changes; who cannot reach "
				+ "whom: {}", picked.stream().map(nodeIdOf).sorted().toList(), downAfter.toMillis(), cannotReach);
	}

	boolean contains(NodeAddress member) {
		return since.containsKey(member);
	}

	/** The members picked now, a read-only view that follows later verdicts. */
	Set<NodeAddress> members() {
		return Collections.unmodifiableSet(since.keySet());
	}

	/** The members picked for longer than {@code downAfter}: to be downed. */
	Set<NodeAddress> due(long nowNanos) {
		return since.entrySet()
			.stream()
			.filter(entry -> nowNanos - entry.getValue() > downAfter.toNanos())
			.map(Map.Entry::getKey)
			.collect(Collectors.toSet());
	}
}
