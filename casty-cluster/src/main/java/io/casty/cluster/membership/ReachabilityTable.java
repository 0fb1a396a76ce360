package io.casty.cluster.membership;

import io.casty.actor.NodeAddress;
import io.casty.topology.MemberStatus;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Internal: whom each member cannot reach, as that member last said, gossiped with the membership
 * so that every node judges on the whole picture rather than on its own failure detector alone: a
 * node that reaches everyone can still see that two others cannot reach each other. Each observer
 * writes only its own row, versioned within its incarnation, so merging (the later row per
 * observer) is commutative, associative and idempotent, like the rest of {@link Gossip}.
 *
 * @param rows each observer's latest row
 */
public record ReachabilityTable(Map<NodeAddress, Row> rows) {

	static final ReachabilityTable EMPTY = new ReachabilityTable(Map.of());

	/**
	 * One observer's view.
	 *
	 * @param incarnation the observer's incarnation that wrote it: a restarted observer's row replaces its old one
	 * @param version bumped by the observer each time its view changes
	 * @param unreachable the members its failure detector judges unreachable, each with the
	 *     incarnation judged: what it said of a member's previous life says nothing of the next
	 */
	public record Row(long incarnation, long version, Map<NodeAddress, Long> unreachable) {

		public Row {
			unreachable = Map.copyOf(unreachable);
		}

		boolean isLaterThan(Row other) {
			return incarnation != other.incarnation ? incarnation > other.incarnation : version > other.version;
		}
	}

	public ReachabilityTable {
		rows = Map.copyOf(rows);
	}

	ReachabilityTable merge(ReachabilityTable other) {
		Map<NodeAddress, Row> merged = new HashMap<>(rows);
		other.rows.forEach((observer, row) -> merged.merge(observer, row,
				(mine, theirs) -> theirs.isLaterThan(mine) ? theirs : mine));
		return merged.equals(rows) ? this : new ReachabilityTable(merged);
	}

	/** This table with {@code observer}'s row saying {@code unreachable}; itself if the row says so already. */
	ReachabilityTable withRow(NodeAddress observer, long incarnation, Map<NodeAddress, Long> unreachable) {
		Row current = rows.get(observer);
		boolean sameLife = current != null && current.incarnation() == incarnation;
		if (sameLife ? current.unreachable().equals(unreachable) : current == null && unreachable.isEmpty()) {
			return this;
		}
		Map<NodeAddress, Row> updated = new HashMap<>(rows);
		updated.put(observer, new Row(incarnation, sameLife ? current.version() + 1 : 1, unreachable));
		return new ReachabilityTable(updated);
	}

	/**
	 * What the rows say about the members that count: each observer with the members it cannot
	 * reach. A member counts while it is up, leaving or exiting: not while it joins (it hosts
	 * nothing yet, and the leader lets it in only once it is heard, see {@code ClusterDaemon}),
	 * nor once downed or removed (its fate is settled). A row counts only if the observer's
	 * current incarnation wrote it, and only for the current incarnation of each member it names.
	 */
	Map<NodeAddress, Set<NodeAddress>> observations(Map<NodeAddress, MemberRecord> members) {
		Map<NodeAddress, Set<NodeAddress>> observations = new HashMap<>();
		rows.forEach((observer, row) -> {
			if (!counts(members.get(observer), row.incarnation())) {
				return;
			}
			Set<NodeAddress> subjects = new HashSet<>();
			row.unreachable().forEach((subject, incarnation) -> {
				if (counts(members.get(subject), incarnation)) {
					subjects.add(subject);
				}
			});
			if (!subjects.isEmpty()) {
				observations.put(observer, Set.copyOf(subjects));
			}
		});
		return observations;
	}

	private static boolean counts(MemberRecord member, long incarnation) {
		return member != null && member.incarnation() == incarnation && member.status() != MemberStatus.JOINING
				&& MemberRecord.rank(member.status()) < MemberRecord.rank(MemberStatus.DOWN);
	}
}
