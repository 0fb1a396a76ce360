package io.casty.benchmarks.micro;

import io.casty.actor.ActorRef;
import io.casty.actor.ActorSystem;
import io.casty.benchmarks.points.EntityIds;
import io.casty.benchmarks.points.PointsAccount;
import io.casty.protocol.ProtocolMessages;
import io.casty.serialization.MessageRegistry;
import io.casty.serialization.Serialization;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * What the micro-benchmarks share: the registry a client and a node build for the points
 * entity, entity ids like the load generator's, and a reply address shaped like a client's.
 */
public final class MicroFixtures {

	/** How many entity ids the micro-benchmarks cycle through, so that lookups do not always hit one entry. */
	public static final int ENTITIES = 1_000;

	private MicroFixtures() {
	}

	/** The wire allow-list of a points client or node. */
	public static MessageRegistry registry() {
		return ProtocolMessages.registry().register(PointsAccount.MESSAGES).build();
	}

	/** A serialization that resolves every address it reads to {@code resolved}. */
	public static Serialization serialization(ActorRef<?> resolved) {
		return new Serialization(registry(), address -> resolved);
	}

	/**
	 * A port nothing listens on now on 127.0.0.1, for a node of a micro-benchmark (the load
	 * generator's own helper is not in the micro-benchmarks' jar).
	 */
	public static int freeLoopbackPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	/** {@code entity-0} to {@code entity-999}. */
	public static String[] entityIds() {
		return EntityIds.of(ENTITIES);
	}

	/**
	 * A temporary ref of {@code system}: the kind of reply address an ask carries, with an
	 * address as long as a client's ({@code system@local-<uuid>:0/temp/<n>}).
	 */
	public static ActorRef<Integer> replyAddress(ActorSystem system) {
		return system.temporaryRef(reply -> {
		});
	}
}
