package io.casty.benchmarks.load.pekko;

import io.casty.benchmarks.load.pekko.PointsProtocol.AddAndGet;
import io.casty.benchmarks.load.pekko.PointsProtocol.AddPoints;
import io.casty.benchmarks.load.pekko.PointsProtocol.GetPoints;
import org.apache.pekko.actor.AbstractActor;

/** The account as a classic sharded Pekko entity; replies go to the sender (the client's ask). */
final class PointsActor extends AbstractActor {

	private int total;

	@Override
	public Receive createReceive() {
		return receiveBuilder()
			.match(AddPoints.class, add -> total += add.amount())
			.match(AddAndGet.class, add -> {
				total += add.amount();
				getSender().tell(total, getSelf());
			})
			.match(GetPoints.class, get -> getSender().tell(total, getSelf()))
			.build();
	}
}
