package io.casty.spring.autoconfigure.node;

import io.casty.cluster.ClusteredActorSystem;
import org.springframework.context.SmartLifecycle;

/**
 * Leaves the cluster when the application context stops: the node hands its shards to the other
 * members, then closes (bounded by {@code casty.node.leave-timeout}). The phase puts the leave
 * after a web server's graceful shutdown has let the requests in flight finish (they may still
 * need this node's entities) and before the server itself stops, so the actuator answers
 * probes during the hand-off. The node is already a member when this starts: it joined when
 * its bean was created.
 */
final class CastyNodeLifecycle implements SmartLifecycle {

	/**
	 * Below Spring Boot's graceful-shutdown phase ({@code DEFAULT_PHASE - 1024}: stopped later),
	 * above the web server's ({@code DEFAULT_PHASE - 2048}: stopped earlier).
	 */
	static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 1536;

	private final ClusteredActorSystem node;

	private volatile boolean running;

	CastyNodeLifecycle(ClusteredActorSystem node) {
		this.node = node;
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		this.node.close();
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

}
