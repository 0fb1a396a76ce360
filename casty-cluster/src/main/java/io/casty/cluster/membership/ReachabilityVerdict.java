package io.casty.cluster.membership;

import io.casty.actor.NodeAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which members the cluster downs, judged on every member's word of whom it cannot reach (the
 * gossiped {@link ReachabilityTable}) rather than on one node's failure detector. Every node
 * that has the same table reaches the same verdict, and the leader is chosen among the members
 * it spares, so a partition that is not clean (node-1 and node-2 cannot reach each other, both
 * reach node-3) still has one leader and one allocation.
 *
 * <p>The observations form a graph, an edge from each observer to each member it cannot reach.
 * The verdict takes, one at a time, the member with the most edges still in the graph (the
 * member most involved in unreachability, as observer or subject) and removes its edges, until
 * no edge is left: the members spared all reach each other. On a tie it takes the member more
 * often unheard than unhearing (a subject rather than its observer: while only one member has
 * noticed another's silence, the silent one), then one cut from the lowest address still in the
 * graph, then the highest address. So a crashed member (everyone's subject) is taken, and so is
 * a member that cannot reach anyone (everyone's observer); of two members that cannot reach each
 * other while both reach the rest (a partial partition), the higher address; and of the two
 * sides of a clean partition, each side's view takes the smaller side, the side
 * {@link KeepMajority} stops too.
 */
final class ReachabilityVerdict {

	private ReachabilityVerdict() {
	}

	/**
	 * @param observations each observer with the members it cannot reach (see
	 *     {@link ReachabilityTable#observations})
	 * @return the members to down, none if every member reaches every other
	 */
	static Set<NodeAddress> membersToDown(Map<NodeAddress, Set<NodeAddress>> observations) {
		List<NodeAddress[]> edges = new ArrayList<>();
		observations.forEach((observer, subjects) -> subjects.stream()
			.filter(subject -> !subject.equals(observer))
			.forEach(subject -> edges.add(new NodeAddress[] { observer, subject })));
		Set<NodeAddress> taken = new HashSet<>();
		while (!edges.isEmpty()) {
			Map<NodeAddress, Integer> degree = new HashMap<>();
			// Times a member is a subject less times it is an observer.
			Map<NodeAddress, Integer> unheard = new HashMap<>();
			for (NodeAddress[] edge : edges) {
				degree.merge(edge[0], 1, Integer::sum);
				degree.merge(edge[1], 1, Integer::sum);
				unheard.merge(edge[0], -1, Integer::sum);
				unheard.merge(edge[1], 1, Integer::sum);
			}
			NodeAddress lowest = degree.keySet().stream().min(LeaderActions.ADDRESS_ORDER).orElseThrow();
			Set<NodeAddress> cutFromLowest = new HashSet<>();
			for (NodeAddress[] edge : edges) {
				if (edge[0].equals(lowest) || edge[1].equals(lowest)) {
					cutFromLowest.add(edge[0].equals(lowest) ? edge[1] : edge[0]);
				}
			}
			NodeAddress next = degree.keySet()
				.stream()
				.max(Comparator.<NodeAddress>comparingInt(degree::get)
					.thenComparingInt(unheard::get)
					.thenComparing(cutFromLowest::contains)
					.thenComparing(LeaderActions.ADDRESS_ORDER))
				.orElseThrow();
			taken.add(next);
			edges.removeIf(edge -> edge[0].equals(next) || edge[1].equals(next));
		}
		return Set.copyOf(taken);
	}
}
