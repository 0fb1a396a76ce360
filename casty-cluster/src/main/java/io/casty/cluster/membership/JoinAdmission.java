package io.casty.cluster.membership;

import io.casty.actor.NodeAddress;
import io.casty.topology.MemberStatus;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * When the leader may let a joining member in, with the gossiped reachability: once it has
 * heard the member and, for a member that is new or was downed, watched it for as long as the
 * other members need to notice that they cannot hear it ({@code acceptableHeartbeatPause} and
 * two heartbeat intervals). Let in at once, a downed member that some others cannot reach (a
 * partial partition) would be up for a moment, then picked and downed, and rejoin, over and
 * over. A member restarted while it was up is let in once heard: its shards wait for it, and a
 * restart is no sign of a partition. Not thread-safe: the cluster daemon owns it.
 */
final class JoinAdmission {

	private final Duration settle;

	/** Joining members whose previous incarnation was up or leaving when this one appeared. */
	private final Set<NodeAddress> restartedWhileUp = new HashSet<>();

	JoinAdmission(Duration acceptableHeartbeatPause, Duration heartbeatInterval) {
		this.settle = acceptableHeartbeatPause.plus(heartbeatInterval.multipliedBy(2));
	}

	/** Notes the members that came back as a new incarnation while their previous one was up or leaving. */
	void noteRestarts(Gossip previous, Gossip next) {
		restartedWhileUp.removeIf(address -> {
			MemberRecord member = next.members().get(address);
			return member == null || member.status() != MemberStatus.JOINING;
		});
		next.members().forEach((address, member) -> {
			MemberRecord before = previous.members().get(address);
			if (before != null && member.incarnation() > before.incarnation() && member.status() == MemberStatus.JOINING
					&& before.upOrLeaving()) {
				restartedWhileUp.add(address);
			}
		});
	}

	/** The joining members of {@code gossip}, other than {@code self}, that may not be let in yet. */
	Set<NodeAddress> notYet(Gossip gossip, NodeAddress self, Reachability reachability, long nowNanos) {
		return gossip.members().values().stream()
			.filter(member -> member.status() == MemberStatus.JOINING && !member.address().equals(self)
					&& !reachability.heardAndWatchedFor(member.address(),
							restartedWhileUp.contains(member.address()) ? Duration.ZERO : settle, nowNanos))
			.map(MemberRecord::address)
			.collect(Collectors.toSet());
	}
}
